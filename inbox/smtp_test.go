package inbox_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dsrdesk/inbox"
	"dsrdesk/inbox/smtptest"

	"github.com/emersion/go-imap/v2"
)

// smtpConfig is the [smtp] section for srv, trusting its CA.
func smtpConfig(srv *smtptest.Server, security inbox.Security) inbox.SMTPConfig {
	return inbox.SMTPConfig{Host: srv.Host, Port: srv.Port, Security: security, Username: srv.User, CAFile: srv.CAFile}
}

// TestSendDeliversAndFilesInSent: over STARTTLS and implicit TLS the
// message arrives byte for byte, and is then filed in Sent with \Seen.
func TestSendDeliversAndFilesInSent(t *testing.T) {
	ctx := context.Background()
	report := filepath.Join(t.TempDir(), "data.csv")
	os.WriteFile(report, []byte("field,value\n.leading dot,Päivi\n"), 0o600)
	raw, err := inbox.BuildMessage(answer(report))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(raw, []byte("\r\n.\r\n")) {
		t.Fatal("the test message should hold a line of a single dot, to test dot-stuffing")
	}
	for _, c := range []struct {
		security inbox.Security
		implicit bool
	}{{inbox.StartTLS, false}, {inbox.TLS, true}} {
		srv := smtptest.Start(t, smtptest.Options{Implicit: c.implicit})
		err := inbox.Send(ctx, smtpConfig(srv, c.security), srv.Password, "tietosuoja@sesoma.fi", []string{"paivi@example.fi"}, raw)
		if err != nil {
			t.Fatalf("%s: %v", c.security, err)
		}
		got := srv.Messages()
		if len(got) != 1 || got[0].From != "tietosuoja@sesoma.fi" || strings.Join(got[0].To, ",") != "paivi@example.fi" {
			t.Fatalf("%s: delivered %+v", c.security, got)
		}
		if !bytes.Equal(got[0].Data, raw) {
			t.Errorf("%s: the bytes changed on the way:\n%s\n---\n%s", c.security, got[0].Data, raw)
		}
	}

	cfg, _ := folderServer(t, map[string][]imap.MailboxAttr{"Sent Items": {imap.MailboxAttrSent}})
	if err := inbox.AppendSent(ctx, cfg, "secret", raw); err != nil {
		t.Fatal(err)
	}
	if got := folderMessages(t, cfg, "Sent Items"); len(got) != 1 || !bytes.Equal(got[0].raw, raw) || strings.Join(got[0].flags, " ") != `\Seen` {
		t.Errorf("Sent Items holds %+v, want the message, \\Seen", got)
	}
}

// TestSendRefuses: no STARTTLS, an unknown CA, a wrong password, plaintext
// in the config: nothing is sent, and no password crosses in plaintext.
func TestSendRefuses(t *testing.T) {
	ctx := context.Background()
	raw, _ := inbox.BuildMessage(answer())
	to := []string{"paivi@example.fi"}

	plain := smtptest.Start(t, smtptest.Options{NoStartTLS: true})
	err := inbox.Send(ctx, smtpConfig(plain, inbox.StartTLS), plain.Password, "tietosuoja@sesoma.fi", to, raw)
	if err == nil || !strings.Contains(err.Error(), "does not offer STARTTLS") || !strings.Contains(err.Error(), "never downgraded") {
		t.Errorf("server without STARTTLS: %v", err)
	}
	if plain.PlaintextAuth() || len(plain.Messages()) != 0 {
		t.Error("credentials or the message went out in plaintext")
	}

	for _, security := range []inbox.Security{inbox.StartTLS, inbox.TLS} {
		srv := smtptest.Start(t, smtptest.Options{Implicit: security == inbox.TLS})
		otherCA, _ := smtptest.NewCA(t)
		for name, caFile := range map[string]string{"another CA": otherCA, "system roots": ""} {
			cfg := smtpConfig(srv, security)
			cfg.CAFile = caFile
			err := inbox.Send(ctx, cfg, srv.Password, "tietosuoja@sesoma.fi", to, raw)
			if err == nil || !strings.Contains(err.Error(), "certificate") {
				t.Errorf("%s with %s: %v, want a certificate error", security, name, err)
			}
		}
		err := inbox.Send(ctx, smtpConfig(srv, security), "wrong", "tietosuoja@sesoma.fi", to, raw)
		if err == nil || !strings.Contains(err.Error(), "login as "+srv.User+" failed") || strings.Contains(err.Error(), "wrong") {
			t.Errorf("%s with a wrong password: %v", security, err)
		}
		if len(srv.Messages()) != 0 {
			t.Errorf("%s: a message was delivered", security)
		}
	}

	cfg := inbox.SMTPConfig{Host: "smtp.example.fi", Security: inbox.Plain, Username: "u"}
	if err := inbox.Send(ctx, cfg, "pw", "a@sesoma.fi", to, raw); err == nil || !strings.Contains(err.Error(), "smtp.security") {
		t.Errorf("plain SMTP: %v", err)
	}
}

func TestSMTPConfig(t *testing.T) {
	imapCfg := inbox.Config{Host: "imap.example.fi", Username: "tietosuoja@sesoma.fi"}
	c := inbox.SMTPConfig{Host: "smtp.example.fi"}.WithDefaults(imapCfg)
	if c.Security != inbox.StartTLS || c.Port != 587 || c.Username != "tietosuoja@sesoma.fi" || c.Validate() != nil {
		t.Errorf("defaults %+v, %v", c, c.Validate())
	}
	if c := (inbox.SMTPConfig{Host: "smtp.example.fi", Security: inbox.TLS}).WithDefaults(imapCfg); c.Port != 465 {
		t.Errorf("tls port %d, want 465", c.Port)
	}
	for _, bad := range []inbox.SMTPConfig{
		{Security: inbox.StartTLS, Port: 587, Username: "u"},
		{Host: "h", Security: "ssl", Port: 587, Username: "u"},
		{Host: "h", Security: inbox.TLS, Port: 0, Username: "u"},
		{Host: "h", Security: inbox.TLS, Port: 465, Username: "u", PasswordCommand: "x", PasswordFile: "y"},
	} {
		if err := bad.Validate(); err == nil || !strings.HasPrefix(err.Error(), "smtp.") {
			t.Errorf("%+v: %v, want an smtp.… error", bad, err)
		}
	}

	// The password: the IMAP one for the same account, else its own.
	t.Setenv(inbox.SMTPPasswordEnv, "")
	ctx := context.Background()
	if pw, err := c.Password(ctx, imapCfg, "imap-secret"); err != nil || pw != "imap-secret" {
		t.Errorf("same account: %q, %v", pw, err)
	}
	other := c
	other.Username = "relay@sesoma.fi"
	if _, err := other.Password(ctx, imapCfg, "imap-secret"); err == nil || !strings.Contains(err.Error(), inbox.SMTPPasswordEnv) {
		t.Errorf("another account without a password: %v", err)
	}
	t.Setenv(inbox.SMTPPasswordEnv, "smtp-secret")
	if pw, _ := other.Password(ctx, imapCfg, "imap-secret"); pw != "smtp-secret" {
		t.Errorf("from the environment: %q", pw)
	}
	pwFile := filepath.Join(t.TempDir(), "smtp-password")
	os.WriteFile(pwFile, []byte("file-secret\n"), 0o644)
	os.Chmod(pwFile, 0o644)
	other.PasswordFile = pwFile
	if _, err := other.Password(ctx, imapCfg, ""); err == nil || !strings.Contains(err.Error(), "smtp.password_file") || !strings.Contains(err.Error(), "chmod o-rwx") {
		t.Errorf("world-readable file: %v", err)
	}
	os.Chmod(pwFile, 0o600)
	if pw, err := other.Password(ctx, imapCfg, ""); pw != "file-secret" || err != nil {
		t.Errorf("from the file: %q, %v", pw, err)
	}
}
