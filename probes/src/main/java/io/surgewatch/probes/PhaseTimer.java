package io.surgewatch.probes;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.List;

import io.surgewatch.model.ProbePhases;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.Protocol;
import okhttp3.Response;

/**
 * Where one request's time went, from OkHttp's call events: DNS, connect (TCP, without TLS), TLS and
 * the first byte of the answer, each measured from the start of the call on the monotonic clock.
 * One timer per call.
 */
final class PhaseTimer extends EventListener {
    private long callStart = -1;
    private long dnsStart = -1;
    private long dnsEnd = -1;
    private long connectStart = -1;
    private long tlsStart = -1;
    private long tlsEnd = -1;
    private long connectEnd = -1;
    private long firstByte = -1;

    @Override
    public void callStart(Call call) {
        callStart = System.nanoTime();
    }

    @Override
    public void dnsStart(Call call, String domainName) {
        dnsStart = System.nanoTime();
    }

    @Override
    public void dnsEnd(Call call, String domainName, List<InetAddress> addresses) {
        dnsEnd = System.nanoTime();
    }

    @Override
    public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
        connectStart = System.nanoTime();
    }

    @Override
    public void secureConnectStart(Call call) {
        tlsStart = System.nanoTime();
    }

    @Override
    public void secureConnectEnd(Call call, Handshake handshake) {
        tlsEnd = System.nanoTime();
    }

    @Override
    public void connectEnd(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol) {
        connectEnd = System.nanoTime();
    }

    @Override
    public void connectFailed(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol, java.io.IOException ioe) {
        connectEnd = System.nanoTime();
    }

    /** OkHttp 4 signals this once the status line and headers have been read: the first byte has come. */
    @Override
    public void responseHeadersStart(Call call) {
        firstByte = System.nanoTime();
    }

    @Override
    public void responseHeadersEnd(Call call, Response response) {
        if (firstByte < 0) {
            firstByte = System.nanoTime();
        }
    }

    ProbePhases phases() {
        long tcpEnd = tlsStart >= 0 ? tlsStart : connectEnd;
        return new ProbePhases(span(dnsStart, dnsEnd), span(connectStart, tcpEnd), span(tlsStart, tlsEnd), span(callStart, firstByte));
    }

    private static double span(long from, long to) {
        return from < 0 || to < 0 ? -1 : (to - from) / 1e6;
    }
}
