package inbox_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"log"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"dsrdesk/inbox"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
)

// testCA makes a CA, writes its certificate to a PEM file, and returns a
// server certificate it signed for 127.0.0.1.
func testCA(t *testing.T) (caFile string, server tls.Certificate) {
	t.Helper()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "dsrdesk test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
		NotBefore:   time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	caFile = filepath.Join(t.TempDir(), "ca.pem")
	os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}), 0o600)
	return caFile, tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

// tlsServer serves one user's INBOX with one message: over implicit TLS, or
// plain with STARTTLS offered when startTLS is set (and not offered when
// cert is empty).
func tlsServer(t *testing.T, cert tls.Certificate, implicit bool) inbox.Config {
	t.Helper()
	mem := imapmemserver.New()
	user := imapmemserver.NewUser("officer", "secret")
	user.Create("INBOX", nil)
	msg := "From: a@example.fi\r\nSubject: Tietopyyntö\r\nMessage-ID: <tls@example.fi>\r\n\r\nHei\r\n"
	user.Append("INBOX", literal{strings.NewReader(msg), int64(len(msg))}, &imap.AppendOptions{Time: time.Now()})
	mem.AddUser(user)
	opts := &imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Logger: log.New(io.Discard, "", 0),
	}
	cfgTLS := &tls.Config{Certificates: []tls.Certificate{cert}}
	var ln net.Listener
	var err error
	if implicit {
		ln, err = tls.Listen("tcp", "127.0.0.1:0", cfgTLS)
	} else {
		ln, err = net.Listen("tcp", "127.0.0.1:0")
		if cert.Certificate != nil {
			opts.TLSConfig = cfgTLS
		} else {
			opts.InsecureAuth = true
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	srv := imapserver.New(opts)
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	p, _ := strconv.Atoi(port)
	sec := inbox.TLS
	if !implicit {
		sec = inbox.StartTLS
	}
	return inbox.Config{Host: host, Port: p, Security: sec, Username: "officer", Mailbox: "INBOX"}
}

type literal struct {
	io.Reader
	size int64
}

func (l literal) Size() int64 { return l.size }

// TestTLSVerified: implicit TLS and STARTTLS work with a trusted CA, are
// refused with an unknown one, and STARTTLS is never downgraded.
func TestTLSVerified(t *testing.T) {
	caFile, cert := testCA(t)
	ctx := context.Background()
	for _, implicit := range []bool{true, false} {
		cfg := tlsServer(t, cert, implicit)
		name := string(cfg.Security)

		if _, err := inbox.Dial(ctx, cfg, "secret"); err == nil || !strings.Contains(err.Error(), "certificate") {
			t.Errorf("%s with an unknown CA: %v, want a certificate error", name, err)
		}
		cfg.CAFile = caFile
		res, err := inbox.SyncOnce(ctx, cfg, "secret", newMemStore(), nil)
		if err != nil || res.Messages != 1 {
			t.Errorf("%s with ca_file: %+v, %v; want the message", name, res, err)
		}
	}

	plain := tlsServer(t, tls.Certificate{}, false) // offers no STARTTLS
	plain.CAFile = caFile
	_, err := inbox.Dial(ctx, plain, "secret")
	if err == nil || !strings.Contains(err.Error(), "never downgraded") {
		t.Errorf("starttls to a server without STARTTLS: %v, want a refusal", err)
	}
}
