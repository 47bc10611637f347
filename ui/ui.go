// Package ui is dsrdesk's terminal interface: the case list, the case detail
// with its messages and the register entries linked to it or offered for
// it, the Other mail (the messages in no case) and a view of one of them,
// the customer register (search as you type; link and unlink entries to a
// case) and the card of one entry, the accountability report, the overlays
// in which the officer decides (the kinds of a request, the requester's
// identity, an attachment to remove, the rights to carry out on the linked
// entries with the plan of each shown before it is done, a rectification's
// new value, the recipients to tell, the requester's language, the
// extension and its notice, the answer sent, the outcome a case is closed
// with and its reasons, a reopening, the letter to the requester and what
// to do with it, yes/no questions), the built-in editor of a letter (or
// $VISUAL/$EDITOR run on a private temporary file), and the help screen,
// drawn with Bubble Tea for a keyboard user at 80×24 or more, in 16
// colours or none (NO_COLOR). Closed cases past their retention are purged
// once a day.
//
// One root model owns the screens and overlays, which are plain structs.
// Update does no I/O: database reads and writes run in tea.Cmds whose
// answers carry the id of the request, so a stale answer is dropped. The
// background sync reports to the screen by messages and never blocks it.
// Every string from mail or the database passes Clean or CleanLine before
// it is drawn.
package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"dsrdesk/register"
)

// Options configure Run.
type Options struct {
	DB     *register.DB
	Source string // what is being shown, for the header: "INBOX at imap.example.fi", "demo mailbox"
	// Watch, if set, runs the background sync until ctx ends, calling report
	// for every event (from its own goroutine).
	Watch func(ctx context.Context, report func(SyncEvent))
	Now   func() time.Time // clock; time.Now when nil
	// CrashLog, if set, is the file a panic's value and stack are appended
	// to (created 0600) after the terminal is restored.
	CrashLog string
	// RemoveAttachment, if set, removes attachment index (from 0, in the
	// order of register.Message.Attachments) from stored message messageID
	// for good and returns what it removed: the case detail's way to keep no
	// copy of an ID document once it is checked. It runs in a tea.Cmd.
	RemoveAttachment func(ctx context.Context, messageID int64, index int) (register.Attachment, error)
	// ExportDir is the folder the case screen writes access reports under,
	// each in a new folder of its own (created 0700). "" leaves the access
	// report refused there, with a message saying so.
	ExportDir string
	// NoticeDir holds replacement privacy-notice texts (notice.fi.md,
	// notice.sv.md, notice.en.md) for the access report; "" for the
	// built-in ones.
	NoticeDir string
	// Retention is how long the Accounting Act's records are kept, for an
	// erasure's plan; the zero value means register.DefaultRetention.
	Retention register.Retention
	// ClosedCaseYears is [retention] closed_cases in years: at start, and
	// again when the day changes, the personal data of the cases closed
	// longer ago than that is purged (register.DB.Purge), the figures
	// kept. 0 never purges.
	ClosedCaseYears int
	// SaveDraft, if set, saves a letter to a requester as a draft in the
	// mailbox's Drafts folder and returns its Message-ID: the case
	// screen's r replies with it. nil leaves replies refused there, with a
	// message saying so. It runs in a tea.Cmd.
	SaveDraft func(ctx context.Context, l register.Letter) (messageID string, err error)
	// Send, if set, sends a letter at once (and files it in the Sent
	// folder), returning its Message-ID: offered beside SaveDraft. nil
	// (no [smtp] section) offers drafts only. It runs in a tea.Cmd. When
	// the letter went but something after failed, it returns the
	// Message-ID with the error.
	Send func(ctx context.Context, l register.Letter) (messageID string, err error)
	// LetterDir holds replacement letter templates, <kind>.<lang>.tmpl
	// (register.LetterOptions.TemplateDir); "" for the built-in ones.
	LetterDir string
	// Keys is the config's [keys] section: "screen.action" (or nested
	// tables, as TOML's dotted keys make them) to a key name or a list of
	// key names, applied over DefaultKeyMap by KeyMapFrom. Run refuses
	// keys that KeyMapFrom refuses, before it draws anything.
	Keys map[string]any
}

// Run shows the TUI until the officer quits. It restores the terminal on
// panic. It returns nil when the officer quits, ctx's error when ctx ends it.
// It waits for Watch to return, so Watch must honour its ctx promptly.
func Run(ctx context.Context, opts Options) error {
	if opts.DB == nil {
		return errors.New("ui: no database to show")
	}
	if _, err := KeyMapFrom(opts.Keys); err != nil {
		return fmt.Errorf("ui: %w", err)
	}
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	var crash crashRecord
	m := newModel(ctx, opts)
	m.crashed = crash.record
	// Bubble Tea catches panics in Update, View and commands and restores
	// the terminal; the model records them first, for the crash log.
	p := tea.NewProgram(m, tea.WithContext(ctx))

	var wg sync.WaitGroup
	if opts.Watch != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					crash.record("background sync", r, debug.Stack())
					p.Send(syncCrashedMsg{}) // the program quits and restores the terminal
				}
			}()
			opts.Watch(ctx, func(ev SyncEvent) { p.Send(ev) })
		}()
	}

	_, err := p.Run()
	cancel()
	wg.Wait()

	if what, report := crash.get(); report != "" {
		err := fmt.Errorf("ui: %s panicked", what)
		if opts.CrashLog != "" {
			if werr := writeCrashLog(opts.CrashLog, report); werr != nil {
				return fmt.Errorf("%w; writing the crash log: %w\n%s", err, werr, report)
			}
			return fmt.Errorf("%w; details in %s", err, opts.CrashLog)
		}
		return fmt.Errorf("%w\n%s", err, report)
	}
	switch {
	case err == nil, errors.Is(err, tea.ErrInterrupted):
		return nil
	case errors.Is(err, tea.ErrProgramPanic):
		return fmt.Errorf("ui: %w", err)
	case errors.Is(err, tea.ErrProgramKilled) && parent.Err() != nil:
		return context.Cause(parent)
	}
	return fmt.Errorf("ui: %w", err)
}

// crashRecord keeps the first panic of the program, from whichever
// goroutine.
type crashRecord struct {
	mu     sync.Mutex
	what   string
	report string
}

// record keeps the panic value r raised in what, with its stack, unless a
// panic was already recorded.
func (c *crashRecord) record(what string, r any, stack []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.report == "" {
		c.what = what
		c.report = fmt.Sprintf("%s: panic in %s: %v\n\n%s", time.Now().Format(time.RFC3339), what, r, stack)
	}
}

func (c *crashRecord) get() (what, report string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.what, c.report
}

// writeCrashLog appends report to the file at path, private to the user.
func writeCrashLog(path, report string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(report + "\n"); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
