package io.shape.adapters.persistence.pickle;

/**
 * A Python global the loader allows: what {@code REDUCE}/{@code NEWOBJ} make of it. Implementations only
 * build data, they never run anything named in the pickle.
 */
interface PickleGlobal {
    /** The qualified Python name ({@code module.name}), for messages. */
    String qualifiedName();

    /** The result of calling the global (REDUCE) or instantiating it (NEWOBJ) with {@code args}. */
    Object call(Object[] args);
}
