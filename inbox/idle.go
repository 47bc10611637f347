package inbox

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// idleRestart is how long one IDLE command lasts before it is ended and
// issued again: well under the 29 minutes after which RFC 2177 lets a server
// log an idle client out.
const idleRestart = 25 * time.Minute

// idleTimeout is how long an idling connection may stay silent before it
// counts as dead: longer than idleRestart, since many servers send nothing
// while there is no news.
const idleTimeout = idleRestart + 5*time.Minute

// ErrNoIdle is Idle's answer when the server does not offer IDLE: poll
// instead.
var ErrNoIdle = errors.New("the IMAP server does not support IDLE")

// Idle connects, examines cfg.Mailbox read-only and waits in IMAP IDLE,
// calling changed whenever the server announces a new message count
// (EXISTS), and once each time IDLE begins, for mail that came before it
// (after the caller's last sync). changed must not block. The IDLE command
// is re-issued every 25 minutes. Idle returns nil when ctx
// ends, ErrNoIdle at once when the server lacks IDLE, and an error when the
// connection fails. It only waits: syncing is the caller's business.
func Idle(ctx context.Context, cfg Config, password string, changed func()) error {
	unasked := &imapclient.UnilateralDataHandler{
		Mailbox: func(d *imapclient.UnilateralDataMailbox) {
			if d.NumMessages != nil {
				changed()
			}
		},
	}
	s, err := dialWith(ctx, cfg, password, cfg.WithDefaults().Mailbox, unasked)
	if err != nil {
		return err
	}
	defer s.Close()
	if caps := s.c.Caps(); !caps.Has(imap.CapIdle) && !caps.Has(imap.CapIMAP4rev2) {
		return ErrNoIdle
	}
	for {
		if err := s.idleOnce(ctx, changed); err != nil || ctx.Err() != nil {
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("IDLE on %q: %w", s.Mailbox, err)
		}
	}
}

// idleOnce runs one IDLE command until ctx ends, the connection closes or
// idleRestart has passed, calling begun once IDLE is under way.
func (s *Session) idleOnce(ctx context.Context, begun func()) error {
	s.conn.idling.Store(true)
	cmd, err := s.c.Idle()
	if err != nil {
		s.conn.idling.Store(false)
		return err
	}
	begun()
	timer := time.NewTimer(idleRestart)
	defer timer.Stop()
	select {
	case <-ctx.Done():
	case <-s.c.Closed():
	case <-timer.C:
	}
	// Back to the short timeout, for the read already waiting too, so that
	// a dead connection cannot hold up DONE's answer.
	s.conn.idling.Store(false)
	s.conn.SetReadDeadline(time.Now().Add(ioTimeout))
	err = cmd.Close()
	if err == nil {
		err = cmd.Wait()
	}
	select {
	case <-s.c.Closed():
		if err != nil {
			return fmt.Errorf("the connection was closed: %w", err)
		}
		return errors.New("the connection was closed")
	default:
	}
	return err
}
