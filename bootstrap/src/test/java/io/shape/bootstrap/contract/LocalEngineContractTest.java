package io.shape.bootstrap.contract;

import io.shape.adapters.local.LocalEngine;
import io.shape.domain.port.ComputeEngine;

/** The local streaming engine under the engine contract. */
class LocalEngineContractTest extends EngineContract {
    @Override
    protected ComputeEngine engine() {
        return new LocalEngine();
    }
}
