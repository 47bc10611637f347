package inbox

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestBackoff(t *testing.T) {
	want := []time.Duration{5 * time.Second, 10 * time.Second, 20 * time.Second, 40 * time.Second,
		80 * time.Second, 160 * time.Second, 5 * time.Minute, 5 * time.Minute}
	for i, w := range want {
		if got := Backoff(i + 1); got != w {
			t.Errorf("Backoff(%d) = %v, want %v", i+1, got, w)
		}
	}
}

// TestWatcherRetriesWithBackoff: failures are reported with a retry time
// that grows, the loop keeps going, and a success resets it.
func TestWatcherRetriesWithBackoff(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	w := Watcher{
		Interval: time.Hour,
		Backoff:  func(n int) time.Duration { return time.Duration(n) * time.Millisecond },
		Sync: func(context.Context) (Result, error) {
			calls++
			if calls <= 3 {
				return Result{}, errors.New("IMAP server down")
			}
			return Result{Stored: Stored{Messages: 2}}, nil
		},
	}
	var events []Event
	done := make(chan struct{})
	go func() {
		w.Run(ctx, func(ev Event) {
			events = append(events, ev)
			if !ev.Syncing && ev.Err == nil {
				cancel()
			}
		})
		close(done)
	}()
	<-done
	var retries []time.Duration
	for _, ev := range events {
		if ev.Err != nil {
			retries = append(retries, ev.Retry.Sub(ev.At))
		}
	}
	if len(retries) != 3 || retries[0] != time.Millisecond || retries[2] != 3*time.Millisecond {
		t.Fatalf("retry waits %v, want 1ms, 2ms, 3ms", retries)
	}
	last := events[len(events)-1]
	if last.Err != nil || last.Result.Messages != 2 || !last.Retry.IsZero() {
		t.Fatalf("last event %+v, want the success", last)
	}
}

// TestWatcherFollowsLeaseHolder: while another process holds the lease the
// Watcher does not sync, reports Following (never Syncing) and asks again
// after Interval; once it gets the lease it syncs.
func TestWatcherFollowsLeaseHolder(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	asked, synced := 0, 0
	w := Watcher{
		Interval: time.Millisecond,
		Lease: func(context.Context) (bool, error) {
			asked++
			return asked > 2, nil
		},
		Sync: func(context.Context) (Result, error) {
			synced++
			return Result{}, nil
		},
	}
	var events []Event
	w.Run(ctx, func(ev Event) {
		events = append(events, ev)
		if !ev.Syncing && !ev.Following {
			cancel()
		}
	})
	if synced != 1 || asked != 3 {
		t.Fatalf("asked for the lease %d times and synced %d times, want 3 and 1", asked, synced)
	}
	if len(events) != 4 || !events[0].Following || !events[1].Following || !events[2].Syncing || events[3].Err != nil {
		t.Fatalf("events %+v, want following, following, syncing, synced", events)
	}
}
