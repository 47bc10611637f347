// Package smtptest runs a small SMTP submission server for tests, in the
// spirit of net/http/httptest: on loopback, with a certificate from a test
// CA of its own, STARTTLS (or implicit TLS), AUTH PLAIN for one user, and
// every accepted message kept for the test to read. It speaks just enough
// SMTP for net/smtp.
package smtptest

import (
	"bufio"
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Options say how the server behaves.
type Options struct {
	Implicit   bool // TLS from the first byte, as on port 465; else STARTTLS
	NoStartTLS bool // do not offer STARTTLS (and offer AUTH in plaintext, to tempt the client)
}

// Message is one message the server accepted.
type Message struct {
	From string
	To   []string
	Data []byte // as sent, dot-stuffing undone, line ends as received
}

// Server is a running SMTP server. Log in as User with Password; trust
// CAFile.
type Server struct {
	Host     string // 127.0.0.1
	Port     int
	User     string
	Password string
	CAFile   string // the PEM certificate of the CA that signed the server's

	opts Options
	tls  *tls.Config
	ln   net.Listener
	wg   sync.WaitGroup

	mu        sync.Mutex
	messages  []Message
	plainAuth bool // credentials arrived over an unencrypted connection
}

// Start starts a server for the test and stops it at cleanup.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	caFile, cert := NewCA(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("smtptest: %v", err)
	}
	s := &Server{
		Host: "127.0.0.1", Port: ln.Addr().(*net.TCPAddr).Port, User: "privacy@sesoma.fi",
		Password: "submission-secret", CAFile: caFile, opts: opts, ln: ln,
		tls: &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12},
	}
	s.wg.Add(1)
	go s.accept()
	t.Cleanup(func() { ln.Close(); s.wg.Wait() })
	return s
}

// Addr is host:port.
func (s *Server) Addr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

// Messages returns the messages accepted so far.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages...)
}

// PlaintextAuth reports whether a client ever sent AUTH before TLS.
func (s *Server) PlaintextAuth() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.plainAuth
}

func (s *Server) accept() {
	defer s.wg.Done()
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(30 * time.Second))
			s.session(conn)
		}()
	}
}

// session speaks SMTP on one connection until QUIT or an error.
func (s *Server) session(conn net.Conn) {
	secure := s.opts.Implicit
	if secure {
		conn = tls.Server(conn, s.tls)
	}
	r := bufio.NewReader(conn)
	reply := func(lines ...string) {
		for i, l := range lines {
			sep := " "
			if i < len(lines)-1 {
				sep = "-"
			}
			fmt.Fprintf(conn, "%s%s%s\r\n", l[:3], sep, l[4:])
		}
	}
	reply("220 smtptest ESMTP")
	var authed bool
	var from string
	var to []string
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		verb, arg, _ := strings.Cut(strings.TrimRight(line, "\r\n"), " ")
		switch strings.ToUpper(verb) {
		case "EHLO", "HELO":
			ext := []string{"250 smtptest", "250 8BITMIME"}
			if !secure && !s.opts.NoStartTLS {
				ext = append(ext, "250 STARTTLS")
			}
			if secure || s.opts.NoStartTLS {
				ext = append(ext, "250 AUTH PLAIN")
			}
			reply(ext...)
		case "STARTTLS":
			if secure || s.opts.NoStartTLS {
				reply("502 not offered")
				continue
			}
			reply("220 go ahead")
			tc := tls.Server(conn, s.tls)
			if err := tc.Handshake(); err != nil {
				return
			}
			conn, r, secure = tc, bufio.NewReader(tc), true
			authed, from, to = false, "", nil
		case "AUTH":
			s.mu.Lock()
			s.plainAuth = s.plainAuth || !secure
			s.mu.Unlock()
			mech, resp, _ := strings.Cut(arg, " ")
			if !strings.EqualFold(mech, "PLAIN") {
				reply("504 only PLAIN")
				continue
			}
			if resp == "" {
				reply("334 ")
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				resp = strings.TrimSpace(l)
			}
			b, _ := base64.StdEncoding.DecodeString(resp)
			if string(b) != "\x00"+s.User+"\x00"+s.Password {
				reply("535 authentication failed")
				continue
			}
			authed = true
			reply("235 ok")
		case "MAIL":
			if !authed {
				reply("530 authentication required")
				continue
			}
			from, to = angle(arg), nil
			reply("250 ok")
		case "RCPT":
			if from == "" {
				reply("503 MAIL first")
				continue
			}
			to = append(to, angle(arg))
			reply("250 ok")
		case "DATA":
			if len(to) == 0 {
				reply("503 RCPT first")
				continue
			}
			reply("354 go ahead")
			data, err := readData(r)
			if err != nil {
				return
			}
			s.mu.Lock()
			s.messages = append(s.messages, Message{From: from, To: to, Data: data})
			s.mu.Unlock()
			from, to = "", nil
			reply("250 queued")
		case "RSET":
			from, to = "", nil
			reply("250 ok")
		case "NOOP":
			reply("250 ok")
		case "QUIT":
			reply("221 bye")
			return
		default:
			reply("500 unknown command")
		}
	}
}

// angle returns what is inside the first <…> of a MAIL or RCPT argument.
func angle(arg string) string {
	_, rest, _ := strings.Cut(arg, "<")
	addr, _, _ := strings.Cut(rest, ">")
	return addr
}

// readData reads a DATA body up to the line ".", undoing dot-stuffing.
func readData(r *bufio.Reader) ([]byte, error) {
	var buf bytes.Buffer
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return nil, err
		}
		if line == ".\r\n" || line == ".\n" {
			return buf.Bytes(), nil
		}
		buf.WriteString(strings.TrimPrefix(line, "."))
	}
}

// NewCA makes a CA, writes its certificate to a PEM file, and returns a
// server certificate it signed for 127.0.0.1.
func NewCA(t testing.TB) (caFile string, server tls.Certificate) {
	t.Helper()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	caTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "smtptest CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		t.Fatal(err)
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
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
	caFile = filepath.Join(t.TempDir(), "smtp-ca.pem")
	if err := os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	return caFile, tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}
