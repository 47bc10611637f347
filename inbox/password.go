package inbox

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// passwordOptions are the ways a config section may name a password, in
// order of preference: a command, a private file, an environment variable.
// The [imap] and [smtp] sections share them.
type passwordOptions struct {
	section string // "imap" or "smtp", for messages
	command string // password_command
	file    string // password_file
	env     string // the environment variable's name
}

// set reports whether the section names a command or a file.
func (o passwordOptions) set() bool { return o.command != "" || o.file != "" }

// read returns the password: the first line printed by the command, the
// first line of the file (which must not be readable by others), or the
// environment variable. The password itself never appears in an error.
func (o passwordOptions) read(ctx context.Context) (string, error) {
	switch {
	case o.command != "":
		ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, "/bin/sh", "-c", o.command)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return "", fmt.Errorf("%s.password_command %q failed: %v: %s", o.section, o.command, err, firstLine(stderr.String()))
		}
		return nonEmpty(firstLine(string(out)), o.section+".password_command printed no password")
	case o.file != "":
		fi, err := os.Stat(o.file)
		if err != nil {
			return "", fmt.Errorf("%s.password_file: %w", o.section, err)
		}
		if perm := fi.Mode().Perm(); perm&0o007 != 0 {
			return "", fmt.Errorf("%s.password_file %s can be read by every user (permissions %04o); fix it with: chmod o-rwx %s",
				o.section, o.file, perm, o.file)
		}
		b, err := os.ReadFile(o.file)
		if err != nil {
			return "", fmt.Errorf("%s.password_file: %w", o.section, err)
		}
		return nonEmpty(firstLine(string(b)), o.section+".password_file "+o.file+" is empty")
	default:
		return nonEmpty(os.Getenv(o.env), fmt.Sprintf("no %s password: set %s.password_command or %s.password_file in the config, or %s",
			strings.ToUpper(o.section), o.section, o.section, o.env))
	}
}

// firstLine returns s up to its first line break, without trailing CR.
func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return strings.TrimRight(s, "\r")
}

// nonEmpty returns s, or an error saying why it is missing.
func nonEmpty(s, why string) (string, error) {
	if s == "" {
		return "", fmt.Errorf("%s", why)
	}
	return s, nil
}
