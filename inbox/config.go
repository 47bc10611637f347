package inbox

import (
	"context"
	"fmt"
	"strings"
)

// Security is how the IMAP connection is protected.
type Security string

// The connection security modes.
const (
	TLS      Security = "tls"      // implicit TLS, usually port 993
	StartTLS Security = "starttls" // plain connect, then STARTTLS, usually port 143; never downgraded
	Plain    Security = "plain"    // no encryption: only to a loopback address
)

// PasswordEnv is the environment variable read for the IMAP password when
// the config names neither a password command nor a password file.
const PasswordEnv = "DSRDESK_IMAP_PASSWORD"

// Config says where the mailbox is and how to log in. Field names follow the
// [imap] section of the config file.
type Config struct {
	Host            string   `toml:"host"`
	Port            int      `toml:"port"`
	Security        Security `toml:"security"`
	Username        string   `toml:"username"`
	PasswordCommand string   `toml:"password_command"`
	PasswordFile    string   `toml:"password_file"`
	Mailbox         string   `toml:"mailbox"`
	CAFile          string   `toml:"ca_file"` // extra CA certificates to trust, PEM
	// Drafts and Sent name the folders answers are saved to and sent
	// answers found in; "" finds them by their SPECIAL-USE attribute, else
	// by the names "Drafts" and "Sent" (see folders.go).
	Drafts string `toml:"drafts"`
	Sent   string `toml:"sent"`
	// Address is the mailbox's own address, the From of answers ("Sesoma
	// tietosuoja <tietosuoja@sesoma.fi>"); "" takes Username when it is an
	// e-mail address.
	Address string `toml:"address"`
	// PollInterval is how often the TUI syncs ("60s", "5m"; "" is 60s):
	// where the server lacks IDLE, the wait for new mail; with IDLE, the
	// pace of the Sent folder's sync. See PollEvery.
	PollInterval string `toml:"poll_interval"`
	// MaxMessageSize is the largest message parsed and shown ("25MB"; ""
	// is DefaultMaxMessageSize). A larger one is stored raw. See MaxSize.
	MaxMessageSize string `toml:"max_message_size"`
}

// FieldError is a config value that is missing or wrong.
type FieldError struct {
	Key  string // the key in the [imap] section, or "section.key" for another section
	Want string // what is expected
}

// Error names the key and what it should be.
func (e *FieldError) Error() string {
	if strings.Contains(e.Key, ".") {
		return fmt.Sprintf("%s: %s", e.Key, e.Want)
	}
	return fmt.Sprintf("imap.%s: %s", e.Key, e.Want)
}

// WithDefaults returns c with the defaults filled in: TLS, the port that goes
// with the security mode, and INBOX.
func (c Config) WithDefaults() Config {
	if c.Security == "" {
		c.Security = TLS
	}
	if c.Port == 0 {
		c.Port = 993
		if c.Security != TLS {
			c.Port = 143
		}
	}
	if c.Mailbox == "" {
		c.Mailbox = "INBOX"
	}
	return c
}

// Validate checks c (with defaults applied) and returns a *FieldError for the
// first problem.
func (c Config) Validate() error {
	switch {
	case c.Host == "":
		return &FieldError{"host", "the IMAP server's host name is required"}
	case c.Security != TLS && c.Security != StartTLS && c.Security != Plain:
		return &FieldError{"security", fmt.Sprintf("want \"tls\", \"starttls\" or \"plain\", not %q", c.Security)}
	case c.Port < 1 || c.Port > 65535:
		return &FieldError{"port", fmt.Sprintf("want a port number 1–65535, not %d", c.Port)}
	case c.Username == "":
		return &FieldError{"username", "the IMAP login name is required"}
	case c.PasswordCommand != "" && c.PasswordFile != "":
		return &FieldError{"password_file", "set password_command or password_file, not both"}
	case c.Security == Plain && !isLoopback(c.Host):
		return &FieldError{"security", fmt.Sprintf("\"plain\" sends the password unencrypted and is allowed only to a loopback address, not %q; use \"tls\" or \"starttls\"", c.Host)}
	}
	if err := c.validatePoll(); err != nil {
		return err
	}
	if _, err := c.MaxSize(); err != nil {
		return err
	}
	return c.validateFolders()
}

// Password returns the IMAP password: the first line printed by
// password_command, the first line of password_file (which must not be
// readable by others), or the DSRDESK_IMAP_PASSWORD environment variable.
func (c Config) Password(ctx context.Context) (string, error) {
	return passwordOptions{section: "imap", command: c.PasswordCommand, file: c.PasswordFile, env: PasswordEnv}.read(ctx)
}
