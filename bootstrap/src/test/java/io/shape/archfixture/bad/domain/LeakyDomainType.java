package io.shape.archfixture.bad.domain;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Deliberately wrong: a domain class that depends on Jackson (fixture for the architecture tests). */
public class LeakyDomainType {
    public String toJson(Object o) throws Exception {
        return new ObjectMapper().writeValueAsString(o);
    }
}
