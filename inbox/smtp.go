package inbox

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/smtp"
	"os"
	"strconv"
	"strings"
)

// SMTPPasswordEnv is the environment variable read for the SMTP password
// when the [smtp] section names neither a password command nor a file.
const SMTPPasswordEnv = "DSRDESK_SMTP_PASSWORD"

// SMTPConfig is the optional [smtp] section: the submission server through
// which dsrdesk sends answers itself. Without it answers are saved as
// drafts, to be sent from the officer's mail client.
type SMTPConfig struct {
	Host            string   `toml:"host"`
	Port            int      `toml:"port"`     // default 587, or 465 for tls
	Security        Security `toml:"security"` // starttls (default) or tls; never plaintext
	Username        string   `toml:"username"` // default: the IMAP username
	PasswordCommand string   `toml:"password_command"`
	PasswordFile    string   `toml:"password_file"`
	CAFile          string   `toml:"ca_file"` // extra CA certificates to trust, PEM
}

// WithDefaults returns c with the defaults filled in: STARTTLS on port 587
// (465 for implicit TLS), and the IMAP login name.
func (c SMTPConfig) WithDefaults(imapCfg Config) SMTPConfig {
	if c.Security == "" {
		c.Security = StartTLS
	}
	if c.Port == 0 {
		c.Port = 587
		if c.Security == TLS {
			c.Port = 465
		}
	}
	if c.Username == "" {
		c.Username = imapCfg.Username
	}
	return c
}

// Validate checks c (with defaults applied) and returns a *FieldError, its
// key "smtp.…", for the first problem.
func (c SMTPConfig) Validate() error {
	switch {
	case c.Host == "":
		return &FieldError{"smtp.host", "the submission server's host name is required"}
	case c.Security != TLS && c.Security != StartTLS:
		return &FieldError{"smtp.security", fmt.Sprintf("want \"starttls\" (port 587) or \"tls\" (port 465), not %q; mail is never sent unencrypted", c.Security)}
	case c.Port < 1 || c.Port > 65535:
		return &FieldError{"smtp.port", fmt.Sprintf("want a port number 1–65535, not %d", c.Port)}
	case c.Username == "":
		return &FieldError{"smtp.username", "the SMTP login name is required"}
	case c.PasswordCommand != "" && c.PasswordFile != "":
		return &FieldError{"smtp.password_file", "set password_command or password_file, not both"}
	}
	return nil
}

// Password returns the SMTP password: from smtp.password_command,
// smtp.password_file or DSRDESK_SMTP_PASSWORD as for IMAP; when none is set
// and the SMTP login is the IMAP one (the same account), imapPassword.
func (c SMTPConfig) Password(ctx context.Context, imapCfg Config, imapPassword string) (string, error) {
	o := passwordOptions{section: "smtp", command: c.PasswordCommand, file: c.PasswordFile, env: SMTPPasswordEnv}
	if !o.set() && os.Getenv(SMTPPasswordEnv) == "" && c.Username == imapCfg.Username && imapPassword != "" {
		return imapPassword, nil
	}
	return o.read(ctx)
}

// Send submits raw, a complete message, to the SMTP server cfg names (its
// defaults applied, see WithDefaults), from the envelope sender from to the
// recipients to. The connection is always
// encrypted and the certificate verified: implicit TLS, or STARTTLS, which
// is refused rather than skipped when the server does not offer it. It
// authenticates (AUTH PLAIN, only over TLS) before sending. It does not file
// the message in the Sent folder: see AppendSent.
func Send(ctx context.Context, cfg SMTPConfig, password, from string, to []string, raw []byte) error {
	if err := cfg.Validate(); err != nil {
		return err
	}
	if len(to) == 0 {
		return fmt.Errorf("send: the message has no recipients")
	}
	addr := net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port))
	c, stop, err := dialSMTP(ctx, cfg, addr)
	if err != nil {
		return err
	}
	defer stop()
	defer c.Close()
	fail := func(step string, err error) error {
		return fmt.Errorf("SMTP server %s: %s: %w", addr, step, unwrapNet(err))
	}
	if ok, _ := c.Extension("AUTH"); !ok {
		return fmt.Errorf("SMTP server %s offers no AUTH after TLS; dsrdesk sends only as a logged-in user", addr)
	}
	if err := c.Auth(smtp.PlainAuth("", cfg.Username, password, cfg.Host)); err != nil {
		return fail("login as "+cfg.Username+" failed", err)
	}
	if err := c.Mail(from); err != nil {
		return fail("sender <"+from+"> refused", err)
	}
	for _, r := range to {
		if err := c.Rcpt(r); err != nil {
			return fail("recipient <"+r+"> refused", err)
		}
	}
	w, err := c.Data()
	if err != nil {
		return fail("DATA refused", err)
	}
	if _, err := w.Write(raw); err != nil {
		w.Close()
		return fail("sending the message", err)
	}
	if err := w.Close(); err != nil {
		return fail("the message was not accepted", err)
	}
	c.Quit() // the message is accepted; a failing QUIT changes nothing
	return nil
}

// dialSMTP connects, secures the connection as cfg says and greets the
// server. The connection closes when ctx ends, until stop is called.
func dialSMTP(ctx context.Context, cfg SMTPConfig, addr string) (c *smtp.Client, stop func() bool, err error) {
	roots, err := rootsWith("smtp.ca_file", cfg.CAFile)
	if err != nil {
		return nil, nil, err
	}
	tlsConfig := &tls.Config{ServerName: cfg.Host, MinVersion: tls.VersionTLS12, RootCAs: roots}
	var d net.Dialer
	raw, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot reach SMTP server %s: %w", addr, unwrapNet(err))
	}
	stop = context.AfterFunc(ctx, func() { raw.Close() })
	c, err = greetSMTP(ctx, cfg, addr, newDeadlineConn(raw), tlsConfig)
	if err == nil {
		if _, ok := c.TLSConnectionState(); !ok {
			err = fmt.Errorf("SMTP server %s: the connection is not encrypted", addr)
		}
	}
	if err != nil {
		stop()
		raw.Close()
		return nil, nil, err
	}
	return c, stop, nil
}

// greetSMTP does the TLS handshake (implicit TLS) or EHLO and STARTTLS.
func greetSMTP(ctx context.Context, cfg SMTPConfig, addr string, conn net.Conn, tlsConfig *tls.Config) (*smtp.Client, error) {
	if cfg.Security == TLS {
		tc := tls.Client(conn, tlsConfig)
		if err := tc.HandshakeContext(ctx); err != nil {
			return nil, fmt.Errorf("TLS with SMTP server %s failed: %w", addr, unwrapNet(err))
		}
		c, err := smtp.NewClient(tc, cfg.Host)
		if err != nil {
			return nil, fmt.Errorf("SMTP server %s: no greeting: %w", addr, unwrapNet(err))
		}
		if err := c.Hello(helloName()); err != nil {
			return nil, fmt.Errorf("SMTP server %s: EHLO refused: %w", addr, err)
		}
		return c, nil
	}
	c, err := smtp.NewClient(conn, cfg.Host)
	if err != nil {
		return nil, fmt.Errorf("SMTP server %s: no greeting: %w", addr, unwrapNet(err))
	}
	if err := c.Hello(helloName()); err != nil {
		return nil, fmt.Errorf("SMTP server %s: EHLO refused: %w", addr, err)
	}
	if ok, _ := c.Extension("STARTTLS"); !ok {
		c.Close()
		return nil, fmt.Errorf("SMTP server %s does not offer STARTTLS; the connection is never downgraded to plaintext (use security = \"tls\" if it speaks TLS on another port)", addr)
	}
	if err := c.StartTLS(tlsConfig); err != nil {
		c.Close()
		return nil, fmt.Errorf("STARTTLS with SMTP server %s failed (the connection is never downgraded to plaintext): %w", addr, unwrapNet(err))
	}
	return c, nil
}

// helloName is the name dsrdesk greets the server with: this host's name
// when it looks like a domain, else localhost.
func helloName() string {
	if h, err := os.Hostname(); err == nil && strings.Contains(h, ".") && !strings.ContainsAny(h, " \r\n") {
		return h
	}
	return "localhost"
}
