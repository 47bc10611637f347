package inbox

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"mime"
	"net"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-message/charset"
)

// ioTimeout is how long a connection may stay silent while a command waits.
const ioTimeout = 2 * time.Minute

// Session is a logged-in IMAP connection with the mailbox selected
// read-only. Connections are disposable: on any error, close and dial again.
type Session struct {
	c       *imapclient.Client
	conn    *deadlineConn // under c, for IDLE's longer silences
	Mailbox string
	// Selected is what EXAMINE reported: UIDVALIDITY, UIDNEXT, message count.
	Selected *imap.SelectData
	// Staff lists the company's own mail domains, for forwarded requests.
	Staff []string
	// outgoing is set while the Sent folder is selected: its mail is the
	// company's own (see NewSentMail).
	outgoing bool
	maxSize  int64       // [imap] max_message_size in bytes
	stop     func() bool // stops closing the connection when Dial's ctx ends
}

// Dial connects to the server as cfg says, logs in with password and selects
// cfg.Mailbox read-only (EXAMINE), so that nothing on the server changes.
func Dial(ctx context.Context, cfg Config, password string) (*Session, error) {
	return dial(ctx, cfg, password, cfg.WithDefaults().Mailbox)
}

// dial is Dial selecting mailbox read-only instead, or nothing when mailbox
// is "" (to append or to list folders).
func dial(ctx context.Context, cfg Config, password, mailbox string) (*Session, error) {
	return dialWith(ctx, cfg, password, mailbox, nil)
}

// dialWith is dial with a handler for what the server announces unasked
// (new mail during IDLE); nil for none.
func dialWith(ctx context.Context, cfg Config, password, mailbox string, unasked *imapclient.UnilateralDataHandler) (*Session, error) {
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	addr := net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port))
	opts := &imapclient.Options{
		WordDecoder:           &mime.WordDecoder{CharsetReader: charset.Reader},
		UnilateralDataHandler: unasked,
	}
	tlsConfig, err := cfg.tlsConfig()
	if err != nil {
		return nil, err
	}

	var d net.Dialer
	raw, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("cannot reach IMAP server %s: %w", addr, unwrapNet(err))
	}
	if cfg.Security == Plain && !isLoopbackAddr(raw.RemoteAddr()) {
		raw.Close()
		return nil, fmt.Errorf("%s resolved to %s, not a loopback address: \"plain\" would send the password unencrypted", cfg.Host, raw.RemoteAddr())
	}
	conn := newDeadlineConn(raw)
	var c *imapclient.Client
	switch cfg.Security {
	case TLS:
		tc := tls.Client(conn, tlsConfig)
		hctx, cancel := context.WithTimeout(ctx, ioTimeout)
		err = tc.HandshakeContext(hctx)
		cancel()
		if err != nil {
			raw.Close()
			return nil, fmt.Errorf("TLS with IMAP server %s failed: %w", addr, unwrapNet(err))
		}
		c = imapclient.New(tc, opts)
	case StartTLS:
		opts.TLSConfig = tlsConfig
		if c, err = imapclient.NewStartTLS(conn, opts); err != nil {
			raw.Close()
			return nil, fmt.Errorf("STARTTLS with IMAP server %s failed (the connection is never downgraded to plaintext): %w", addr, unwrapNet(err))
		}
	case Plain:
		c = imapclient.New(conn, opts)
	}
	// Close the connection when ctx ends, so that no command outlives it.
	s := &Session{c: c, conn: conn, Mailbox: mailbox, stop: context.AfterFunc(ctx, func() { c.Close() })}
	s.maxSize, _ = cfg.MaxSize() // checked by Validate
	if err := s.login(cfg.Username, password); err != nil {
		s.stop()
		c.Close()
		return nil, fmt.Errorf("IMAP server %s: %w", addr, err)
	}
	return s, nil
}

// login waits for the greeting, logs in and examines the mailbox, if any.
func (s *Session) login(username, password string) error {
	if err := s.c.WaitGreeting(); err != nil {
		return fmt.Errorf("no greeting: %w", unwrapNet(err))
	}
	if err := s.c.Login(username, password).Wait(); err != nil {
		return fmt.Errorf("login as %s failed: %w", username, err)
	}
	if s.Mailbox == "" {
		return nil
	}
	return s.examine(s.Mailbox)
}

// examine selects mailbox read-only (EXAMINE), for Sync.
func (s *Session) examine(mailbox string) error {
	sel, err := s.c.Select(mailbox, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		return fmt.Errorf("cannot open mailbox %q: %w", mailbox, err)
	}
	s.Mailbox, s.Selected = mailbox, sel
	return nil
}

// Close logs out politely and closes the connection.
func (s *Session) Close() error {
	s.stop()
	done := make(chan struct{})
	go func() { s.c.Logout().Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
	}
	return s.c.Close()
}

// tlsConfig returns the TLS settings: verification always on, the host name
// checked, and the system roots plus ca_file when it is set.
func (c Config) tlsConfig() (*tls.Config, error) {
	t := &tls.Config{ServerName: c.Host, MinVersion: tls.VersionTLS12, NextProtos: []string{"imap"}}
	var err error
	t.RootCAs, err = rootsWith("imap.ca_file", c.CAFile)
	return t, err
}

// rootsWith returns the system roots plus the PEM certificates in file, or
// nil (the system roots) when file is "". key names the setting in errors.
func rootsWith(key, file string) (*x509.CertPool, error) {
	if file == "" {
		return nil, nil
	}
	pem, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", key, err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("%s %s holds no PEM certificate", key, file)
	}
	return pool, nil
}

// isLoopback reports whether host names this machine: localhost or a
// loopback IP address.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// isLoopbackAddr reports whether a connection's remote address is a
// loopback IP: what "localhost" resolved to is checked, not trusted.
func isLoopbackAddr(a net.Addr) bool {
	tcp, ok := a.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}

// unwrapNet drops the *net.OpError wrapping that repeats the address.
func unwrapNet(err error) error {
	var op *net.OpError
	if errors.As(err, &op) && op.Err != nil {
		return op.Err
	}
	return err
}

// deadlineConn gives every read and write a fresh deadline, so that a server
// that stops answering fails the command instead of hanging the sync. While
// idling is set (IDLE), reads may wait idleTimeout instead. Reads go through
// a large buffer: a first sync streams hundreds of megabytes, which go-imap
// would otherwise read 4 KB per system call.
type deadlineConn struct {
	net.Conn
	rmu    sync.Mutex    // go-imap may read from two goroutines when a literal is cut short
	r      *bufio.Reader // over Conn
	idling atomic.Bool
}

// newDeadlineConn wraps conn.
func newDeadlineConn(conn net.Conn) *deadlineConn {
	return &deadlineConn{Conn: conn, r: bufio.NewReaderSize(conn, 64<<10)}
}

func (c *deadlineConn) Read(b []byte) (int, error) {
	timeout := ioTimeout
	if c.idling.Load() {
		timeout = idleTimeout
	}
	c.rmu.Lock()
	defer c.rmu.Unlock()
	c.Conn.SetReadDeadline(time.Now().Add(timeout))
	return c.r.Read(b)
}

func (c *deadlineConn) Write(b []byte) (int, error) {
	c.Conn.SetWriteDeadline(time.Now().Add(ioTimeout))
	return c.Conn.Write(b)
}
