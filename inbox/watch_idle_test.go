package inbox

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

// runUntil runs w until stop says so, returning the events reported. It
// fails the test when that takes longer than 10 s.
func runUntil(t *testing.T, w Watcher, stop func(events []Event) bool) []Event {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var events []Event
	done := make(chan struct{})
	go func() {
		defer close(done)
		w.Run(ctx, func(ev Event) {
			events = append(events, ev)
			if stop(events) {
				cancel()
			}
		})
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		cancel()
		<-done
		t.Fatalf("the watcher did not get there in 10 s; events: %+v", events)
	}
	return events
}

// finished counts the events that end a sync, and those among them that
// succeeded.
func finished(events []Event) (all, ok int) {
	for _, ev := range events {
		if !ev.Syncing {
			all++
			if ev.Err == nil {
				ok++
			}
		}
	}
	return all, ok
}

// TestWatcherOfflineSince: failures in a row keep the time of the first as
// Offline; a success clears it.
func TestWatcherOfflineSince(t *testing.T) {
	calls := 0
	w := Watcher{
		Interval: time.Hour,
		Backoff:  func(int) time.Duration { return time.Millisecond },
		Sync: func(context.Context) (Result, error) {
			if calls++; calls <= 2 {
				return Result{}, errors.New("IMAP server down")
			}
			return Result{}, nil
		},
	}
	events := runUntil(t, w, func(ev []Event) bool { _, ok := finished(ev); return ok == 1 })
	var ends []Event
	for _, ev := range events {
		if !ev.Syncing {
			ends = append(ends, ev)
		}
	}
	if len(ends) != 3 || ends[0].Offline.IsZero() || !ends[1].Offline.Equal(ends[0].Offline) || !ends[0].Offline.Equal(ends[0].At) {
		t.Fatalf("failures %+v, want Offline = the first failure's time on both", ends)
	}
	if !ends[2].Offline.IsZero() {
		t.Fatalf("after the success Offline = %v, want zero", ends[2].Offline)
	}
	if last := events[len(events)-2]; !last.Syncing || last.Offline.IsZero() {
		t.Fatalf("the retry's start %+v, want it to say offline", last)
	}
}

// TestWatcherPollsWithoutIdle: a server without IDLE is polled every
// Interval, and IDLE is not tried again.
func TestWatcherPollsWithoutIdle(t *testing.T) {
	var idles atomic.Int32
	w := Watcher{
		Interval: time.Millisecond,
		Sync:     func(context.Context) (Result, error) { return Result{}, nil },
		Idle: func(context.Context, func()) error {
			idles.Add(1)
			return ErrNoIdle
		},
	}
	runUntil(t, w, func(ev []Event) bool { _, ok := finished(ev); return ok == 5 })
	if n := idles.Load(); n != 1 {
		t.Fatalf("IDLE tried %d times, want once", n)
	}
}

// TestWatcherIdle: news from IDLE syncs at once, long before Interval; a
// dropped IDLE connection syncs at once too, and IDLE starts again.
func TestWatcherIdle(t *testing.T) {
	var idles atomic.Int32
	w := Watcher{
		Interval: time.Hour,
		Backoff:  func(int) time.Duration { return time.Millisecond },
		Sync:     func(context.Context) (Result, error) { return Result{}, nil },
		Idle: func(ctx context.Context, changed func()) error {
			if idles.Add(1) == 1 {
				changed() // new mail, then the connection drops
				time.Sleep(10 * time.Millisecond)
				return errors.New("connection reset")
			}
			<-ctx.Done()
			return nil
		},
	}
	runUntil(t, w, func(ev []Event) bool { _, ok := finished(ev); return ok == 3 })
	if n := idles.Load(); n < 1 {
		t.Fatalf("IDLE ran %d times", n)
	}
}
