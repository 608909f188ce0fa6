package io.taskapi.domain;

/**
 * A field a request names. Each kind of request has an enum of its fields that implements this, declared in the order
 * in which their errors are listed; callers outside the domain name fields only through those enums.
 */
public interface Field {
    /**
     * The field's place among its kind's fields: errors are listed in this order.
     *
     * @return the position, from 0
     */
    int ordinal();
}
