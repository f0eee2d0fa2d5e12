package io.vakt.server.doctor;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The three ways the doctor trusts a server: as a browser would (the JDK's CAs plus any {@code --trust} files),
 * pinned to the one certificate the TLS check saw (so the later checks still run after a certificate failure),
 * and "anything, but remember what was shown" for the TLS check itself, which judges the chain on its own.
 */
final class Trust {
    private Trust() {}

    /** The JDK's trusted CAs plus {@code extra}. */
    static Set<X509Certificate> anchors(List<X509Certificate> extra) {
        List<X509Certificate> all = new ArrayList<>(Arrays.asList(jdkDefault().getAcceptedIssuers()));
        all.addAll(extra);
        return Set.copyOf(all);
    }

    /** A context that verifies chain and host name like a browser, trusting {@link #anchors}. */
    static SSLContext verifying(List<X509Certificate> extra) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509Certificate anchor : anchors(extra)) store.setCertificateEntry("anchor-" + i++, anchor);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return context(factory.getTrustManagers()[0]);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot set up the trusted certificates: " + e.getMessage(), e);
        }
    }

    /**
     * A context that accepts exactly {@code leaf} and nothing else, without a host-name check: a host-name check
     * is part of {@link X509ExtendedTrustManager}'s job, and this one deliberately does not do it.
     */
    static SSLContext pinned(X509Certificate leaf) {
        return context(new Accepting(chain -> {
            if (chain == null || chain.length == 0 || !chain[0].equals(leaf)) {
                throw new CertificateException("the server now shows a different certificate than in the TLS check");
            }
        }));
    }

    /** A context that accepts any chain and puts the last one shown into {@code seen}. */
    static SSLContext capturing(AtomicReference<X509Certificate[]> seen) {
        return context(new Accepting(seen::set));
    }

    private static X509TrustManager jdkDefault() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) return x509;
            }
            throw new IllegalStateException("the JDK has no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the JDK's trusted certificates: " + e.getMessage(), e);
        }
    }

    private static SSLContext context(TrustManager manager) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{manager}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** Checks a server chain with one function and nothing else. */
    private interface ChainCheck {
        void check(X509Certificate[] chain) throws CertificateException;
    }

    private static final class Accepting extends X509ExtendedTrustManager {
        private final ChainCheck check;

        Accepting(ChainCheck check) { this.check = check; }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException { check.check(chain); }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            check.check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            check.check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the doctor is never a TLS server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }
}
