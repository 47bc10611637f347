package register

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// LeaseTTL is how long a sync lease lasts unless renewed: a holder renews it
// at every sync and poll, so a lease outlives its holder by at most this.
const LeaseTTL = 2 * time.Minute

// processStart is when this process started, part of its lease holder name.
var processStart = time.Now()

// Holder names this process as a lease holder: hostname, pid and start
// time, so that a restarted process with a reused pid is another holder.
func Holder() string {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "unknown-host"
	}
	return fmt.Sprintf("%s pid %d since %s", host, os.Getpid(), processStart.UTC().Format(time.RFC3339))
}

// Lease is the state of a mailbox's sync lease.
type Lease struct {
	Mailbox string
	Holder  string    // who holds it
	Expires time.Time // when it is free, unless renewed
}

// TakeLease takes or renews the sync lease on mailbox for holder until
// now+ttl, in one immediate transaction. held is false, and lease names the
// other holder, when another holder's lease is still live at now; an
// expired lease is taken over, and so is the lease of a holder on this host
// whose process is gone (killed, say): it would never renew it.
func (db *DB) TakeLease(ctx context.Context, mailbox, holder string, now time.Time, ttl time.Duration) (lease Lease, held bool, err error) {
	err = db.tx(ctx, func(tx *sql.Tx) error {
		var cur string
		var exp int64
		err := tx.QueryRowContext(ctx, `SELECT coalesce(holder, ''), coalesce(expires_at, 0) FROM sync_lease WHERE mailbox = ?`,
			mailbox).Scan(&cur, &exp)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("read the sync lease of %s: %w", mailbox, err)
		}
		if cur != "" && cur != holder && now.Unix() < exp && !holderGone(cur) {
			lease = Lease{Mailbox: mailbox, Holder: cur, Expires: time.Unix(exp, 0)}
			return nil
		}
		until := now.Add(ttl).Unix()
		if _, err := tx.ExecContext(ctx, `INSERT INTO sync_lease (mailbox, holder, expires_at) VALUES (?, ?, ?)
			ON CONFLICT (mailbox) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at`,
			mailbox, holder, until); err != nil {
			return fmt.Errorf("take the sync lease of %s: %w", mailbox, err)
		}
		lease, held = Lease{Mailbox: mailbox, Holder: holder, Expires: time.Unix(until, 0)}, true
		return nil
	})
	return lease, held, err
}

// ReleaseLease frees holder's lease on mailbox, if holder has it, so that
// another process takes over at once rather than after the lease expires.
func (db *DB) ReleaseLease(ctx context.Context, mailbox, holder string) error {
	return db.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM sync_lease WHERE mailbox = ? AND holder = ?`, mailbox, holder); err != nil {
			return fmt.Errorf("release the sync lease of %s: %w", mailbox, err)
		}
		return nil
	})
}

// holderGone reports whether holder (see Holder) names a process on this
// host that no longer runs. A holder elsewhere, or one it cannot tell of,
// counts as running: its lease then lapses only when it expires.
func holderGone(holder string) bool {
	f := strings.Fields(holder)
	host, err := os.Hostname()
	if len(f) != 5 || f[1] != "pid" || f[3] != "since" || err != nil || f[0] != host {
		return false
	}
	pid, err := strconv.Atoi(f[2])
	if err != nil || pid <= 0 {
		return false
	}
	return errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}
