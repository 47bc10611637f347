//go:build unix

package mailgen

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"dsrdesk/inbox/dovecottest"
)

// Helpers for .ci/bench-sync; both skip unless their environment is set.

// TestBenchSyncServer starts Dovecot with DSRDESK_BENCH_N generated
// messages (seed 1) in INBOX, writes "ADDR=… IMAPUSER=… PASS=…" lines to the
// file DSRDESK_BENCH_INFO, and serves until its standard input closes.
func TestBenchSyncServer(t *testing.T) {
	info := os.Getenv("DSRDESK_BENCH_INFO")
	if info == "" {
		t.Skip("for .ci/bench-sync: set DSRDESK_BENCH_INFO and DSRDESK_BENCH_N")
	}
	n, err := strconv.Atoi(os.Getenv("DSRDESK_BENCH_N"))
	if err != nil || n < 1 {
		t.Fatalf("DSRDESK_BENCH_N=%q: want a positive number", os.Getenv("DSRDESK_BENCH_N"))
	}
	s := dovecottest.Start(t)
	var batch [][]byte
	size := 0
	for m := range Generate(n, 1) {
		batch = append(batch, m.Raw)
		size += len(m.Raw)
		if len(batch) == 500 {
			s.Deliver(t, "INBOX", batch, epoch)
			batch = batch[:0]
		}
	}
	if len(batch) > 0 {
		s.Deliver(t, "INBOX", batch, epoch)
	}
	if got := s.Count(t, "INBOX"); got != n { // SELECT: Dovecot indexes the new mail now
		t.Fatalf("INBOX holds %d messages, want %d", got, n)
	}
	data := fmt.Sprintf("ADDR=%s\nIMAPUSER=%s\nPASS=%s\nBYTES=%d\n", s.Addr, s.User, s.Password, size)
	if err := os.WriteFile(info+".tmp", []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(info+".tmp", info); err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, os.Stdin) // until the script closes it
}

// TestBenchFloor is the floor: it logs in to DSRDESK_BENCH_ADDR as
// DSRDESK_BENCH_USER with DSRDESK_BENCH_PASS, fetches BODY.PEEK[] of every
// message in INBOX in one command, and discards the bytes, parsing no more
// than the literal lengths. It prints the bytes and the time taken.
func TestBenchFloor(t *testing.T) {
	addr := os.Getenv("DSRDESK_BENCH_ADDR")
	if addr == "" {
		t.Skip("for .ci/bench-sync: set DSRDESK_BENCH_ADDR, _USER and _PASS")
	}
	start := time.Now()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Minute))
	r := bufio.NewReaderSize(conn, 1<<16)
	var bytes int64
	// command sends one command and reads until its tagged reply, skipping
	// literals ({n} at a line's end) unread.
	command := func(tag, cmd string) {
		if _, err := fmt.Fprintf(conn, "%s %s\r\n", tag, cmd); err != nil {
			t.Fatal(err)
		}
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				t.Fatalf("%s: %v", cmd, err)
			}
			if l := strings.TrimRight(line, "\r\n"); strings.HasSuffix(l, "}") {
				if i := strings.LastIndexByte(l, '{'); i >= 0 {
					n, err := strconv.ParseInt(l[i+1:len(l)-1], 10, 64)
					if err == nil {
						if _, err := r.Discard(int(n)); err != nil {
							t.Fatal(err)
						}
						bytes += n
						continue
					}
				}
			}
			if strings.HasPrefix(line, tag+" ") {
				if !strings.HasPrefix(line, tag+" OK") {
					t.Fatalf("%s: %s", cmd, line)
				}
				return
			}
		}
	}
	if _, err := r.ReadString('\n'); err != nil { // greeting
		t.Fatal(err)
	}
	command("a1", fmt.Sprintf("LOGIN %q %q", os.Getenv("DSRDESK_BENCH_USER"), os.Getenv("DSRDESK_BENCH_PASS")))
	command("a2", "EXAMINE INBOX")
	command("a3", "UID FETCH 1:* BODY.PEEK[]")
	command("a4", "LOGOUT")
	fmt.Printf("floor: %d bytes in %v\n", bytes, time.Since(start))
}
