//go:build unix

package mailgen

import (
	"bufio"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"dsrdesk/inbox"
	"dsrdesk/inbox/dovecottest"

	_ "github.com/mattn/go-sqlite3" // the SQLite driver, as register uses it
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
	addr := benchAddr(t)
	start := time.Now()
	bytes := fetchAll(t, addr, func(r *bufio.Reader, n int) {
		if _, err := r.Discard(n); err != nil {
			t.Fatal(err)
		}
	})
	fmt.Printf("floor: %d bytes in %v\n", bytes, time.Since(start))
}

// TestBenchStoreFloor is the floor of any client that keeps every message
// as dsrdesk must: its raw bytes and their SHA-256 (unique), stored in
// batches of inbox.BatchSize messages or inbox.BatchBytes, each batch one
// transaction that also moves the mailbox's watermark, in a SQLite
// database with dsrdesk's settings (WAL, synchronous=NORMAL, 16 KB pages, a
// 16 MB page cache). It does nothing else: no parse, no classification, no
// other column or index. The fetch is TestBenchFloor's; one goroutine
// stores while the next batch arrives. The database is the new file
// DSRDESK_BENCH_DB, left for the script to remove (outside the timing).
// It prints the bytes fetched, the time taken, the messages and bytes
// stored, and the database's size.
func TestBenchStoreFloor(t *testing.T) {
	addr := benchAddr(t)
	path := os.Getenv("DSRDESK_BENCH_DB")
	if path == "" {
		t.Skip("for .ci/bench-sync: set DSRDESK_BENCH_DB")
	}
	start := time.Now()
	// No _journal_mode here: the driver would set WAL on connecting, and
	// a page size set after that is ignored.
	db, err := sql.Open("sqlite3", "file:"+url.PathEscape(path)+"?_synchronous=NORMAL&_txlock=immediate&_cache_size=-16384")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(`PRAGMA page_size = 16384; PRAGMA journal_mode = WAL;
CREATE TABLE messages (uid INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, raw BLOB NOT NULL);
CREATE TABLE watermark (mailbox TEXT PRIMARY KEY, last_uid INTEGER NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	var page int
	var journal string
	if err := db.QueryRow("SELECT page_size, journal_mode FROM pragma_page_size, pragma_journal_mode").Scan(&page, &journal); err != nil || page != 16384 || journal != "wal" {
		t.Fatalf("page size %d, journal %q (%v): want dsrdesk's 16384 and wal", page, journal, err)
	}
	type message struct {
		raw  []byte
		hash string
	}
	batches := make(chan []message, 2) // as inbox/sync.go queues them
	stored := make(chan error, 1)
	go func() {
		var err error
		uid := 0
		for b := range batches {
			if err != nil {
				continue // drain
			}
			err = storeBatch(db, func(insert, mark *sql.Stmt) error {
				for _, m := range b {
					uid++
					if _, err := insert.Exec(uid, m.hash, m.raw); err != nil {
						return err
					}
				}
				_, err := mark.Exec("INBOX", uid)
				return err
			})
		}
		stored <- err
	}()
	var b []message
	size := 0
	bytes := fetchAll(t, addr, func(r *bufio.Reader, n int) {
		raw := make([]byte, n)
		if _, err := io.ReadFull(r, raw); err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(raw)
		b = append(b, message{raw, hex.EncodeToString(sum[:])})
		if size += n; len(b) == inbox.BatchSize || size >= inbox.BatchBytes {
			batches <- b
			b, size = nil, 0
		}
	})
	batches <- b
	close(batches)
	if err := <-stored; err != nil {
		t.Fatal(err)
	}
	var count, kept int64
	if err := db.QueryRow("SELECT count(*), coalesce(sum(length(raw)), 0) FROM messages").Scan(&count, &kept); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("store floor: %d bytes in %v; stored %d messages, %d bytes; database %d bytes\n", bytes, took, count, kept, fi.Size())
}

// storeBatch runs fn with the INSERT of a message and the UPDATE of the
// watermark in one transaction.
func storeBatch(db *sql.DB, fn func(insert, mark *sql.Stmt) error) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback() // after Commit, a no-op
	insert, err := tx.Prepare("INSERT INTO messages (uid, sha256, raw) VALUES (?, ?, ?)")
	if err != nil {
		return err
	}
	mark, err := tx.Prepare(`INSERT INTO watermark (mailbox, last_uid) VALUES (?, ?)
ON CONFLICT (mailbox) DO UPDATE SET last_uid = excluded.last_uid`)
	if err != nil {
		return err
	}
	if err := fn(insert, mark); err != nil {
		return err
	}
	return tx.Commit()
}

// benchAddr is the bench server's address, or skips the test.
func benchAddr(t *testing.T) string {
	addr := os.Getenv("DSRDESK_BENCH_ADDR")
	if addr == "" {
		t.Skip("for .ci/bench-sync: set DSRDESK_BENCH_ADDR, _USER and _PASS")
	}
	return addr
}

// fetchAll logs in to addr, fetches BODY.PEEK[] of every message in INBOX in
// one command, and hands each literal to read, which must consume its n
// bytes from r. It returns the bytes of all literals.
func fetchAll(t *testing.T, addr string, read func(r *bufio.Reader, n int)) int64 {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Minute))
	r := bufio.NewReaderSize(conn, 1<<16)
	var bytes int64
	// command sends one command and reads until its tagged reply, handing
	// literals ({n} at a line's end) to read.
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
					n, err := strconv.Atoi(l[i+1 : len(l)-1])
					if err == nil {
						read(r, n)
						bytes += int64(n)
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
	return bytes
}
