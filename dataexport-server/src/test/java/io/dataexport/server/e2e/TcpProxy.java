package io.dataexport.server.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy of a test's own between the service and a database server, so that a test makes the
 * database unreachable without touching the (shared) server: {@link #refuse()} closes every
 * connection and stops listening (as a server that is down: connections are refused), {@link
 * #blackHole()} keeps accepting and keeps the connections open but forwards nothing either way (as
 * a network that drops packets; what was held is forwarded once {@link #restore() restored}, as TCP
 * retransmits), {@link #restore()} forwards again on the same port.
 */
final class TcpProxy implements AutoCloseable {
  private enum Mode {
    FORWARDING,
    REFUSING,
    BLACK_HOLE
  }

  private final InetSocketAddress upstream;
  private final int port;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Object lock = new Object();
  private Mode mode = Mode.FORWARDING; // guarded by lock
  private ServerSocket listener; // guarded by lock
  private boolean closed; // guarded by lock

  /** Starts forwarding from an ephemeral port of 127.0.0.1 to {@code upstream}. */
  TcpProxy(InetSocketAddress upstream) throws IOException {
    this.upstream = upstream;
    synchronized (lock) {
      listener = listen(0);
      port = listener.getLocalPort();
    }
  }

  /** The port the proxy listens on, the same after a {@link #refuse()} and {@link #restore()}. */
  int port() {
    return port;
  }

  /** Closes every connection and the listening socket: new connections are refused. */
  void refuse() throws IOException {
    synchronized (lock) {
      mode = Mode.REFUSING;
      listener.close();
      lock.notifyAll();
    }
    for (Socket socket : sockets) {
      socket.close();
    }
  }

  /** Stops forwarding: connections are accepted and kept, and nothing passes either way. */
  void blackHole() {
    synchronized (lock) {
      mode = Mode.BLACK_HOLE;
    }
  }

  /** Forwards again, listening again on the same port after {@link #refuse()}. */
  void restore() throws IOException {
    synchronized (lock) {
      if (mode == Mode.REFUSING) {
        listener = listen(port);
      }
      mode = Mode.FORWARDING;
      lock.notifyAll();
    }
  }

  @Override
  public void close() throws IOException {
    synchronized (lock) {
      closed = true;
      listener.close();
      lock.notifyAll();
    }
    for (Socket socket : sockets) {
      socket.close();
    }
  }

  private ServerSocket listen(int onPort) throws IOException {
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress("127.0.0.1", onPort));
    Thread.ofPlatform()
        .daemon()
        .name("tcp-proxy-accept-" + server.getLocalPort())
        .start(() -> accept(server));
    return server;
  }

  private void accept(ServerSocket server) {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed by refuse() or close()
      }
      sockets.add(client);
      Thread.ofVirtual().start(() -> connect(client));
    }
  }

  /** Opens the upstream connection once forwarding (a black hole holds it) and pumps both ways. */
  private void connect(Socket client) {
    Socket server = new Socket();
    sockets.add(server);
    try {
      if (!awaitForwarding()) {
        quietlyClose(client, server);
        return;
      }
      server.connect(upstream, 5000);
      Thread.ofVirtual().start(() -> pump(server, client));
      pump(client, server);
    } catch (IOException e) {
      quietlyClose(client, server);
    }
  }

  /** Copies one direction until either side closes, holding what it read during a black hole. */
  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int read;
      while ((read = in.read(buffer)) >= 0) {
        if (!awaitForwarding()) {
          break;
        }
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException e) {
      // either side closed or reset: the connection ends
    }
    quietlyClose(from, to);
  }

  /** Waits while the proxy is a black hole; false when the connection must end instead. */
  private boolean awaitForwarding() {
    synchronized (lock) {
      while (mode == Mode.BLACK_HOLE && !closed) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return mode == Mode.FORWARDING && !closed;
    }
  }

  private void quietlyClose(Socket... ends) {
    for (Socket socket : ends) {
      sockets.remove(socket);
      try {
        socket.close();
      } catch (IOException e) {
        // already closed
      }
    }
  }
}
