package inbox

import (
	"context"
	"time"
)

// SyncOnce connects, syncs the mailbox into store and disconnects. staff
// lists the company's own mail domains (see NewMail).
func SyncOnce(ctx context.Context, cfg Config, password string, store Store, staff []string) (Result, error) {
	s, err := Dial(ctx, cfg, password)
	if err != nil {
		return Result{Mailbox: cfg.WithDefaults().Mailbox}, err
	}
	defer s.Close()
	s.Staff = staff
	return s.Sync(ctx, store)
}

// Event reports one step of the background sync.
type Event struct {
	Syncing bool      // a sync is starting
	At      time.Time // when the sync finished
	Result  Result    // what it did
	Err     error     // why it failed; nil on success
	Retry   time.Time // after a failure, when the next try is
}

// Backoff is the wait after the n-th failure in a row (n from 1): doubling
// from 5 seconds up to 5 minutes.
func Backoff(n int) time.Duration {
	d := 5 * time.Second
	for i := 1; i < n && d < 5*time.Minute; i++ {
		d *= 2
	}
	return min(d, 5*time.Minute)
}

// Watcher keeps a mailbox synced in the background, for the TUI.
type Watcher struct {
	Sync     func(context.Context) (Result, error) // one sync
	Interval time.Duration                         // between successful syncs
	// Backoff is the wait after the n-th failure in a row; Backoff (the
	// function) when nil.
	Backoff func(n int) time.Duration
}

// Run syncs now and then every Interval until ctx ends, reporting each start
// and end. After a failure it retries after Backoff, longer while failures
// continue; a failure never stops the loop.
func (w Watcher) Run(ctx context.Context, report func(Event)) {
	backoff := w.Backoff
	if backoff == nil {
		backoff = Backoff
	}
	failures := 0
	for {
		report(Event{Syncing: true})
		res, err := w.Sync(ctx)
		if ctx.Err() != nil {
			return
		}
		ev := Event{At: time.Now(), Result: res, Err: err}
		wait := w.Interval
		if err != nil {
			failures++
			wait = backoff(failures)
			ev.Retry = ev.At.Add(wait)
		} else {
			failures = 0
		}
		report(ev)
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
	}
}
