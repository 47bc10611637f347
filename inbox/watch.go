package inbox

import (
	"context"
	"errors"
	"fmt"
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
	Syncing bool // a sync is starting
	// Following: another process holds the sync lease; this one does not
	// sync but follows its changes, and asks for the lease again later.
	Following bool
	At        time.Time // when the sync finished
	Result    Result    // what it did
	Err       error     // why it failed; nil on success
	Retry     time.Time // after a failure, when the next try is
	// Offline is when the failures in a row began: the mailbox has been out
	// of reach since then. Zero while syncs succeed.
	Offline time.Time
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

// idleMinLife is how long an IDLE session must last for its end to count as
// an ordinary drop; one that ends sooner is retried only after a backoff,
// so that a server refusing IDLE is not hammered.
const idleMinLife = time.Minute

// Watcher keeps a mailbox synced in the background, for the TUI.
//
// With Idle set, an IDLE session waits beside it and each announcement of
// new mail triggers a sync at once; Interval then paces the syncs that also
// catch the Sent folder, which IDLE does not watch. Without Idle, or where
// the server lacks IDLE, the Watcher polls every Interval.
type Watcher struct {
	Sync     func(context.Context) (Result, error) // one sync
	Interval time.Duration                         // between successful syncs
	// Backoff is the wait after the n-th failure in a row; Backoff (the
	// function) when nil.
	Backoff func(n int) time.Duration
	// Idle, when set, waits for the server to announce new mail, calling
	// changed for each announcement, until ctx ends (nil) or the connection
	// fails (an error); ErrNoIdle means the server lacks IDLE. See Idle.
	Idle func(ctx context.Context, changed func()) error
	// Lease, when set, is asked before each sync whether this process may
	// sync (it takes or renews the sync lease). false: another process
	// syncs; the Watcher reports Following and asks again after Interval.
	Lease func(ctx context.Context) (bool, error)
}

// Run syncs now, then on news from Idle and every Interval, until ctx
// ends, reporting each start and end. After a failure it stops idling and
// retries after Backoff, longer while failures continue; a failure never
// stops the loop, and the first success after it starts idling again.
func (w Watcher) Run(ctx context.Context, report func(Event)) {
	backoff := w.Backoff
	if backoff == nil {
		backoff = Backoff
	}
	news := make(chan struct{}, 1)
	changed := func() {
		select {
		case news <- struct{}{}:
		default: // a sync is due already
		}
	}
	var (
		failures  int
		offline   time.Time
		idle      idling
		useIdle   = w.Idle != nil
		idleFails int       // IDLE sessions in a row that ended within idleMinLife
		idleAfter time.Time // no IDLE before this, after such an end
	)
	defer idle.stop()
	for {
		select {
		case <-news: // this sync covers it
		default:
		}
		mine, err := true, error(nil)
		if w.Lease != nil {
			mine, err = w.Lease(ctx)
			if ctx.Err() != nil {
				return
			}
		}
		if err == nil && !mine {
			// Another process syncs: no IDLE of our own, no failures to count.
			idle.stop()
			failures, offline, idleFails, idleAfter = 0, time.Time{}, 0, time.Time{}
			report(Event{Following: true, At: time.Now()})
			select {
			case <-ctx.Done():
				return
			case <-time.After(w.Interval):
			}
			continue
		}
		var res Result
		if err != nil {
			err = fmt.Errorf("take the sync lease: %w", err)
		} else {
			report(Event{Syncing: true, Offline: offline})
			res, err = w.Sync(ctx)
			if ctx.Err() != nil {
				return
			}
		}
		ev := Event{At: time.Now(), Result: res, Err: err}
		wait := w.Interval
		if err != nil {
			failures++
			if offline.IsZero() {
				offline = ev.At
			}
			wait = backoff(failures)
			ev.Retry, ev.Offline = ev.At.Add(wait), offline
			// The IDLE connection is likely dead too; the outage, not IDLE,
			// explains its end.
			idle.stop()
			idleFails, idleAfter = 0, time.Time{}
		} else {
			failures, offline = 0, time.Time{}
			if useIdle && idle.done == nil && !ev.At.Before(idleAfter) {
				idle.start(ctx, w.Idle, changed)
			}
		}
		report(ev)

		timer := time.NewTimer(wait)
	waiting:
		for {
			select {
			case <-ctx.Done():
				timer.Stop()
				return
			case <-timer.C:
				break waiting
			case <-news:
				timer.Stop()
				break waiting
			case err := <-idle.done:
				lived := time.Since(idle.started)
				idle = idling{}
				if errors.Is(err, ErrNoIdle) {
					useIdle = false // poll from now on
					continue
				}
				if lived < idleMinLife {
					idleFails++
					idleAfter = time.Now().Add(backoff(idleFails))
				} else {
					idleFails, idleAfter = 0, time.Time{}
				}
				// Sync now: it reconnects, or fails and goes offline.
				timer.Stop()
				break waiting
			}
		}
	}
}

// idling is the Watcher's IDLE session while one runs.
type idling struct {
	cancel  context.CancelFunc
	done    chan error // receives Idle's result; nil while none runs
	started time.Time
}

// start runs idle in the background until stop or its failure.
func (i *idling) start(ctx context.Context, idle func(context.Context, func()) error, changed func()) {
	ictx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- idle(ictx, changed) }()
	*i = idling{cancel: cancel, done: done, started: time.Now()}
}

// stop ends the session, if one runs, and waits for it to close.
func (i *idling) stop() {
	if i.done != nil {
		i.cancel()
		<-i.done
	}
	*i = idling{}
}
