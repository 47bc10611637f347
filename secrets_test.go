package main

// Secrets and files: the IMAP password never lands in the database, the
// log, the exports or a process's arguments; files that others could read
// or change are refused with the chmod that fixes them.

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dsrdesk/inbox/dovecottest"
)

// TestPasswordNeverStored syncs with the password given each of the three
// ways and looks for it everywhere dsrdesk writes, and in the command lines
// of dsrdesk and of the password_command it runs.
func TestPasswordNeverStored(t *testing.T) {
	s := dovecottest.Start(t)
	s.Append(t, "INBOX", requestMail(1, "matti.virtanen@esimerkki.fi", "Tietopyyntö"), time.Now())
	host, port, _ := net.SplitHostPort(s.Addr)
	imap := fmt.Sprintf("[imap]\nhost = %q\nport = %s\nsecurity = \"plain\"\nusername = %q\n", host, port, s.User)
	pwFile := filepath.Join(t.TempDir(), "imap-password")
	if err := os.WriteFile(pwFile, []byte(s.Password+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, way := range []struct{ name, config, env string }{
		{"password_file", fmt.Sprintf("password_file = %q\n", pwFile), ""},
		// The sleep keeps the command running long enough to read its arguments.
		{"password_command", fmt.Sprintf("password_command = %q\n", "sleep 1; cat "+pwFile), ""},
		{"environment", "", "DSRDESK_IMAP_PASSWORD=" + s.Password},
	} {
		t.Run(way.name, func(t *testing.T) {
			e := newEnv(t, imap+way.config)
			e.mustRun("register", "import", filepath.Join("register", "testdata", "customers-link.csv"))
			cmd := e.command("sync")
			if way.env != "" {
				cmd.Env = append(cmd.Env, way.env)
			}
			var out, errb bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errb
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			args := watchArgs(cmd.Process.Pid, cmd)
			if err := cmd.Wait(); err != nil || !strings.Contains(out.String(), "1 new cases") {
				t.Fatalf("sync: %v\n%s%s", err, out.String(), errb.String())
			}
			if len(args) == 0 {
				t.Fatal("could not read dsrdesk's command line while it ran")
			}
			if way.name == "password_command" && len(args) < 2 {
				t.Errorf("did not catch the password_command's process: %q", args)
			}
			for _, a := range args {
				if strings.Contains(a, s.Password) {
					t.Errorf("a process's arguments hold the password: %q", a)
				}
			}

			tag := e.cases()[0].Tag
			e.mustRun("link", tag, "L-1")
			exports := filepath.Join(e.dir, "exports")
			e.mustRun("export", tag, "--out", exports)
			e.mustRun("backup", filepath.Join(e.dir, "backup.db"))

			logFile := filepath.Join(e.dir, "state", "dsrdesk", "dsrdesk.log")
			private := map[string]os.FileMode{e.db: 0o600, logFile: 0o600, filepath.Join(e.dir, "backup.db"): 0o600,
				filepath.Dir(e.db): 0o700, filepath.Dir(logFile): 0o700}
			searched := 0
			filepath.WalkDir(e.dir, func(path string, d os.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				if strings.HasPrefix(path, exports) {
					private[path] = 0o600
				}
				b, err := os.ReadFile(path)
				if err != nil {
					t.Errorf("read %s: %v", path, err)
				}
				searched++
				if bytes.Contains(b, []byte(s.Password)) {
					t.Errorf("%s holds the password", path)
				}
				return nil
			})
			if searched < 8 { // config, database (+ -wal, -shm), log, backup, four exports
				t.Errorf("searched only %d files", searched)
			}
			for path, want := range private {
				fi, err := os.Stat(path)
				if err != nil {
					t.Errorf("%s: %v", path, err)
				} else if got := fi.Mode().Perm(); got != want {
					t.Errorf("%s: mode %04o, want %04o", path, got, want)
				}
			}
		})
	}
}

// watchArgs reads the command lines of the process pid and of its
// children until it ends, and returns every one it saw.
func watchArgs(pid int, cmd *exec.Cmd) []string {
	seen := map[string]bool{}
	var all []string
	read := func(p string) {
		b, err := os.ReadFile("/proc/" + p + "/cmdline")
		if s := string(bytes.ReplaceAll(b, []byte{0}, []byte(" "))); err == nil && s != "" && !seen[s] {
			seen[s] = true
			all = append(all, s)
		}
	}
	self := fmt.Sprint(pid)
	for start := time.Now(); time.Since(start) < 10*time.Second; time.Sleep(5 * time.Millisecond) {
		stat, err := os.ReadFile("/proc/" + self + "/stat")
		if err != nil || strings.Contains(string(stat), ") Z ") {
			break // ended: a zombie until Wait
		}
		read(self)
		for _, c := range children(self) {
			read(c)
			for _, g := range children(c) {
				read(g)
			}
		}
	}
	return all
}

// children lists the process ids of pid's children, whichever of its
// threads started them.
func children(pid string) []string {
	var ids []string
	tasks, _ := filepath.Glob("/proc/" + pid + "/task/*/children")
	for _, f := range tasks {
		b, _ := os.ReadFile(f)
		ids = append(ids, strings.Fields(string(b))...)
	}
	return ids
}

// TestSecretFilesRefused: a password file every user can read, a config others
// can change, and a password written into the config are each refused with
// what to do instead.
func TestSecretFilesRefused(t *testing.T) {
	imap := "[imap]\nhost = \"127.0.0.1\"\nsecurity = \"plain\"\nusername = \"u\"\n"
	pw := filepath.Join(t.TempDir(), "pw")
	os.WriteFile(pw, []byte("secret\n"), 0o600)
	os.Chmod(pw, 0o644) // a group may share it (the shared setup); every user may not
	e := newEnv(t, imap+fmt.Sprintf("password_file = %q\n", pw))
	if _, errs, err := e.run("sync"); err == nil || !strings.Contains(errs, "imap.password_file") || !strings.Contains(errs, "chmod o-rwx "+pw) {
		t.Errorf("world-readable password file: stderr %q, want the chmod o-rwx fix", errs)
	}

	e = newEnv(t, imap+"password_command = \"echo x\"\n")
	os.Chmod(e.config, 0o666)
	if _, errs, err := e.run("sync"); err == nil || !strings.Contains(errs, "chmod go-w "+e.config) {
		t.Errorf("config others can change: stderr %q, want the chmod go-w fix", errs)
	}

	for _, section := range []string{"imap", "smtp"} {
		cfg := imap + "password = \"hunter2\"\n"
		if section == "smtp" {
			cfg = imap + "password_command = \"echo x\"\n[smtp]\nhost = \"smtp.example.fi\"\npassword = \"hunter2\"\n"
		}
		e = newEnv(t, cfg)
		_, errs, err := e.run("sync")
		if err == nil || !strings.Contains(errs, section+".password: dsrdesk reads no password from the config") || strings.Contains(errs, "hunter2") {
			t.Errorf("[%s] password in the config: stderr %q, want a refusal naming password_file", section, errs)
		}
	}
}

// TestCheckAndBackupCommands: check finds a sound database sound and a
// damaged one damaged, with the way out; backup refuses to overwrite.
func TestCheckAndBackupCommands(t *testing.T) {
	e := newEnv(t, "")
	e.mustRun("cases") // creates the database
	if out := e.mustRun("check"); !strings.Contains(out, "no damage found") {
		t.Errorf("check on a sound database: %q", out)
	}
	backup := filepath.Join(e.dir, "copy.db")
	e.mustRun("backup", backup)
	if _, errs, err := e.run("backup", backup); err == nil || !strings.Contains(errs, "exists") {
		t.Errorf("backup over an existing file: stderr %q, want a refusal", errs)
	}

	junk := bytes.Repeat([]byte{0xa5}, 1<<16)
	if err := os.WriteFile(e.db, junk, 0o600); err != nil {
		t.Fatal(err)
	}
	os.Remove(e.db + "-wal")
	os.Remove(e.db + "-shm")
	for _, cmd := range []string{"check", "cases"} {
		_, errs, err := e.run(cmd)
		if err == nil || !strings.Contains(errs, "the database "+e.db+" is damaged") || !strings.Contains(errs, "restore it from a backup: see README") {
			t.Errorf("%s on a damaged database: stderr %q", cmd, errs)
		}
	}
}
