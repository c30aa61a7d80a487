package io.shape.adapters.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shape.adapters.persistence.json.Json;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;

/**
 * Which process owns an unfinished run: host, pid and the process's start time (pids are reused, start
 * times tell a new process from the old one).
 */
public record ProcessIdentity(String host, long pid, Instant started) {
    public static ProcessIdentity current() {
        ProcessHandle me = ProcessHandle.current();
        return new ProcessIdentity(hostName(), me.pid(), me.info().startInstant().orElse(Instant.EPOCH));
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("host", host);
        o.put("pid", pid);
        o.put("started", started.toString());
        return o;
    }

    public static ProcessIdentity fromJson(JsonNode o) {
        if (o == null || o.isNull()) {
            return null;
        }
        return new ProcessIdentity(o.path("host").asText(), o.path("pid").asLong(),
                Instant.parse(o.path("started").asText(Instant.EPOCH.toString())));
    }

    /**
     * Whether the owner of a record is certainly gone, seen from {@code observer}: same host, and no live
     * process with that pid and start time. Records of other hosts are never judged from here. A record
     * without an owner (written by an older shape) counts as gone.
     */
    public static boolean isGone(ProcessIdentity owner, ProcessIdentity observer) {
        if (owner == null) {
            return true;
        }
        if (!owner.host.equals(observer.host)) {
            return false;
        }
        if (owner.pid == observer.pid && owner.started.equals(observer.started)) {
            return false;
        }
        Optional<ProcessHandle> p = ProcessHandle.of(owner.pid);
        return p.isEmpty() || !p.get().isAlive()
                || !p.get().info().startInstant().map(owner.started::equals).orElse(true);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
