package io.shape.application.service;

import io.shape.domain.ShapeException;
import io.shape.domain.port.RunRepository;
import io.shape.domain.run.Run;
import io.shape.domain.run.RunServices;

/**
 * Saves run records without letting an unreachable store stop the run: the first failure is recorded in
 * the run ({@code run_store}) and later saves of that run are skipped, so a down database costs one timeout,
 * not one per transition.
 */
final class RunRecords {
    static final String SERVICE = RunServices.RUN_STORE;

    private final RunRepository repository;

    RunRecords(RunRepository repository) {
        this.repository = repository;
    }

    Run save(Run run) {
        if (RunServices.isUnreachable(run, SERVICE)) {
            return run;
        }
        try {
            repository.save(run);
            return run;
        } catch (ShapeException | IllegalStateException e) {
            return run.withService(SERVICE, RunServices.unreachable(e.getMessage()));
        }
    }
}
