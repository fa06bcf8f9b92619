package io.rowsweep.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of a database that can stop passing bytes, in both directions and for new
 * connections too, while keeping every socket open: a database that hangs, or a network
 * partition that drops packets silently, as the client sees it. Point a JDBC URL at
 * {@link #port()} with {@link #url(String)}. It can also pass bytes no faster than a given rate
 * ({@link #limitBandwidth(long)}), each direction of each connection: a slow network link, such as
 * the one to a replica in another region.
 */
public final class FreezableProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private volatile boolean frozen;
    private volatile boolean closed;
    /** Bytes a second each direction of a connection may pass; 0: no limit. */
    private volatile long bytesPerSecond;

    private FreezableProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "proxy-accept-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy to the host and port of {@code jdbcUrl} ({@code jdbc:xxx://host:port/...}). */
    public static FreezableProxy to(String jdbcUrl) throws IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^jdbc:[a-z]+://(?:[^@/]*@)?([^:/?]+)(?::(\\d+))?").matcher(jdbcUrl);
        if (!m.find()) {
            throw new IllegalArgumentException("no host in " + jdbcUrl);
        }
        int port = m.group(2) != null ? Integer.parseInt(m.group(2)) : jdbcUrl.startsWith("jdbc:postgresql:") ? 5432 : 3306;
        return new FreezableProxy(m.group(1), port);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code jdbcUrl} with its host and port replaced by this proxy's. */
    public String url(String jdbcUrl) {
        return jdbcUrl.replaceFirst("^(jdbc:[a-z]+://(?:[^@/]*@)?)[^:/?]+(?::\\d+)?", "$1127.0.0.1:" + port());
    }

    /** From now on no byte passes, and new connections wait, until {@link #thaw()}. */
    public void freeze() {
        frozen = true;
    }

    /** From now on each direction of each connection passes at most {@code bytesPerSecond} bytes a second (0: no limit). */
    public FreezableProxy limitBandwidth(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
        return this;
    }

    public void thaw() {
        synchronized (gate) {
            frozen = false;
            gate.notifyAll();
        }
    }

    private void awaitThawed() throws InterruptedException {
        synchronized (gate) {
            while (frozen && !closed) {
                gate.wait(100);
            }
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> connect(client), "proxy-connect-" + port());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void connect(Socket client) {
        try {
            awaitThawed();
            Socket upstream = new Socket();
            upstream.connect(new InetSocketAddress(targetHost, targetPort), 10_000);
            sockets.add(client);
            sockets.add(upstream);
            pump(client, upstream);
            pump(upstream, client);
        } catch (IOException | InterruptedException e) {
            closeQuietly(client);
        }
    }

    private void pump(Socket from, Socket to) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            long sendAt = System.nanoTime();
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    awaitThawed(); // bytes read while frozen are held back, as a network that drops them would
                    long rate = bytesPerSecond;
                    if (rate > 0) {
                        // Each buffer leaves when the link would have carried the bytes before it.
                        sendAt = Math.max(sendAt, System.nanoTime() - 100_000_000L) + n * 1_000_000_000L / rate;
                        long wait = sendAt - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // a side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "proxy-pump-" + port());
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        thaw();
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        sockets.forEach(FreezableProxy::closeQuietly);
    }
}
