package io.shape.bootstrap.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy in front of a real service, to make it slow (every chunk of bytes, both ways, is
 * held back by a delay) or to take it away and bring it back (an outage closes the listener and every open
 * connection, as a restarting server does; {@link #resume()} listens again on the same port).
 */
final class TcpProxy implements AutoCloseable {
    private final int targetPort;
    private final int port;
    private final AtomicLong delayMillis = new AtomicLong();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile ServerSocket listener;
    private volatile boolean closed;

    private TcpProxy(int targetPort, ServerSocket listener) {
        this.targetPort = targetPort;
        this.listener = listener;
        this.port = listener.getLocalPort();
        acceptOn(listener);
    }

    /** A proxy on a free loopback port forwarding to 127.0.0.1:{@code targetPort}. */
    static TcpProxy to(int targetPort) throws IOException {
        return new TcpProxy(targetPort, bind(0));
    }

    /** A proxy on the given port (e.g. one a broker advertises) forwarding to 127.0.0.1:{@code targetPort}. */
    static TcpProxy on(int port, int targetPort) throws IOException {
        return new TcpProxy(targetPort, bind(port));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    /** How many connections the proxy accepted so far. */
    int connections() {
        return connections.get();
    }

    void delay(Duration perChunk) {
        delayMillis.set(perChunk.toMillis());
    }

    /** The service goes away: no listener (connection refused), every open connection cut. */
    void outage() throws IOException {
        ServerSocket l = listener;
        listener = null;
        if (l != null) {
            l.close();
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    /** The service is back on the same port. */
    void resume() throws IOException {
        if (listener == null) {
            ServerSocket l = bind(port);
            listener = l;
            acceptOn(l);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        outage();
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return s;
    }

    private void acceptOn(ServerSocket l) {
        Thread t = new Thread(() -> {
            while (!closed && !l.isClosed()) {
                try {
                    Socket client = l.accept();
                    connections.incrementAndGet();
                    Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    client.setTcpNoDelay(true);
                    server.setTcpNoDelay(true);
                    open.add(client);
                    open.add(server);
                    pump(client, server);
                    pump(server, client);
                } catch (IOException e) {
                    // listener closed (outage) or the target refused: the client sees its connection drop
                }
            }
        }, "tcp-proxy-accept-" + port);
        t.setDaemon(true);
        t.start();
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    long d = delayMillis.get();
                    if (d > 0) {
                        Thread.sleep(d);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // one side went away; the finally below takes the other down too
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // the socket is being discarded either way
        }
    }
}
