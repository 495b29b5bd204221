package io.edgepublisher.rest;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The REST server's TLS key material (REST.md §8.2): the server certificate and key from AnyLog's PEM files in
 * {@code !pem_dir} or from a PKCS#12 keystore, and, when a CA organisation is given, the CA certificate that client
 * certificates must be signed by (mutual TLS).
 */
public final class TlsMaterial {
    private final KeyManagerFactory keys;
    private final TrustManagerFactory clientCa;

    private TlsMaterial(KeyManagerFactory keys, TrustManagerFactory clientCa) {
        this.keys = keys;
        this.clientCa = clientCa;
    }

    public KeyManagerFactory keys() {
        return keys;
    }

    /** The client CA, or null when client certificates are not requested. */
    public TrustManagerFactory clientCa() {
        return clientCa;
    }

    /** AnyLog's organisation file-name form: trimmed, lower case, spaces to '-', apostrophes removed. */
    public static String orgFileName(String org) {
        return org.trim().toLowerCase(Locale.ROOT).replace(" ", "-").replace("'", "");
    }

    /**
     * Loads the material: the keystore when {@code keystore} is set, else the PEM pair of {@code serverOrg};
     * the CA of {@code caOrg} when set. A missing file fails with 12 naming it.
     */
    public static TlsMaterial load(Path pemDir, String caOrg, String serverOrg, String keystore, String keystorePassword) {
        try {
            KeyStore ks;
            char[] pw;
            if (keystore != null) {
                Path p = Path.of(keystore);
                requireFile(p);
                pw = keystorePassword == null ? new char[0] : keystorePassword.toCharArray();
                ks = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(p)) {
                    ks.load(in, pw);
                }
            } else {
                String org = orgFileName(serverOrg);
                Path cert = pemDir.resolve("server-" + org + "-public-key.crt");
                Path key = pemDir.resolve("server-" + org + "-private-key.key");
                requireFile(cert);
                requireFile(key);
                pw = new char[0];
                ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                Collection<? extends Certificate> chain = certificates(cert);
                ks.setKeyEntry("server", privateKey(key), pw, chain.toArray(new Certificate[0]));
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            TrustManagerFactory tmf = null;
            if (caOrg != null) {
                Path ca = pemDir.resolve("ca-" + orgFileName(caOrg) + "-public-key.crt");
                requireFile(ca);
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                int i = 0;
                for (Certificate c : certificates(ca)) {
                    trust.setCertificateEntry("ca-" + i++, c);
                }
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
            }
            return new TlsMaterial(kmf, tmf);
        } catch (IOException | GeneralSecurityException e) {
            throw new CommandException(ErrorCode.CONFIGURATION, "TLS key material cannot be used: " + e.getMessage());
        }
    }

    private static void requireFile(Path p) {
        if (!Files.isReadable(p)) {
            throw new CommandException(ErrorCode.FILE_NOT_EXISTS, "TLS file '" + p + "' does not exist or is not readable");
        }
    }

    private static Collection<? extends Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
    }

    /** A PKCS#8 ({@code BEGIN PRIVATE KEY}) or PKCS#1 RSA ({@code BEGIN RSA PRIVATE KEY}) PEM key. */
    static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        boolean pkcs1 = text.contains("BEGIN RSA PRIVATE KEY");
        if (!pkcs1 && !text.contains("BEGIN PRIVATE KEY")) {
            throw new GeneralSecurityException(pem + " is not a PKCS#8 or RSA PEM private key (convert it with"
                + " 'openssl pkcs8 -topk8 -nocrypt')");
        }
        String b64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(b64);
        if (pkcs1) {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(wrapPkcs1(der)));
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException(pem + ": unsupported private key algorithm");
    }

    /** PKCS#1 RSA key → PKCS#8 PrivateKeyInfo (version 0, rsaEncryption, the key as an octet string). */
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        byte[] algId = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01,
            0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octet = der(0x04, pkcs1);
        byte[] body = new byte[version.length + algId.length + octet.length];
        System.arraycopy(version, 0, body, 0, version.length);
        System.arraycopy(algId, 0, body, version.length, algId.length);
        System.arraycopy(octet, 0, body, version.length + algId.length, octet.length);
        return der(0x30, body);
    }

    private static byte[] der(int tag, byte[] content) {
        int n = content.length;
        byte[] len;
        if (n < 0x80) {
            len = new byte[] {(byte) n};
        } else if (n < 0x100) {
            len = new byte[] {(byte) 0x81, (byte) n};
        } else if (n < 0x10000) {
            len = new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
        } else {
            len = new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        }
        byte[] out = new byte[1 + len.length + n];
        out[0] = (byte) tag;
        System.arraycopy(len, 0, out, 1, len.length);
        System.arraycopy(content, 0, out, 1 + len.length, n);
        return out;
    }

    static InputStream stream(byte[] b) {
        return new ByteArrayInputStream(b);
    }
}
