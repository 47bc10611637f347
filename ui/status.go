package ui

import (
	"fmt"
	"math"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"dsrdesk/register"
	"github.com/charmbracelet/x/ansi"
)

// SyncEvent reports the background sync's progress to the screen.
type SyncEvent struct {
	Syncing bool      // a sync is under way
	At      time.Time // when the last sync finished (successfully or not)
	Stored  int       // messages stored by it
	Cases   int       // cases opened by it
	Err     string    // one-line error of the last try, "" if it succeeded
	Retry   time.Time // when the next try is due after an error
	Offline time.Time // since when the mailbox is out of reach; zero while syncs work
	// Following: another dsrdesk holds the sync lease and syncs; this one
	// shows the changes it stores.
	Following bool
}

// changed reports whether the sync stored something the screens show.
func (e SyncEvent) changed() bool { return e.Stored > 0 || e.Cases > 0 }

// statusLine is the bottom line: a question waiting for an answer, or what
// the officer's last decision came to, or an error reading the database, or
// the state of the sync.
type statusLine struct {
	watching bool // a sync runs at all
	sync     SyncEvent
	seen     bool   // a SyncEvent has arrived
	loadErr  string // the last failed database read, "" if the last one worked
	note     string // what the last decision came to: "saved", or why not
	noteErr  bool   // the note is an error
	helpKey  string // the key that shows the keys, "?" when ""; a text field takes "?" as text
}

// render returns the status line for width cells, as of now. The question,
// when set, replaces everything else.
func (s statusLine) render(st Styles, width int, now time.Time, question string) string {
	if question != "" {
		return fit(st.Prompt.Render(question), width)
	}
	var text, suffix string // suffix stays visible when text is cut
	style := st.Muted
	switch {
	case s.note != "" && s.noteErr:
		text, style = s.note, st.Error
	case s.note != "":
		text, style = s.note, lipgloss.NewStyle()
	case s.loadErr != "":
		text, style = "database: "+CleanLine(s.loadErr), st.Error
	case !s.watching:
		text = "not syncing: showing the database as it is"
	case !s.seen:
		text = "starting sync…"
	case s.sync.Following:
		text = followingText
	case !s.sync.Offline.IsZero():
		text, style = offlineText(s.sync, now), st.Error
		if s.sync.Syncing {
			style = st.Warn
		}
	case s.sync.Err != "":
		text, suffix, style = CleanLine(s.sync.Err), " — "+retryText(s.sync.Retry, now), st.Error
		if s.sync.Syncing {
			text, style = "syncing… (last try failed: "+CleanLine(s.sync.Err)+")", st.Warn
		}
	case s.sync.Syncing:
		text = "syncing…"
	case s.sync.At.IsZero():
		text = "waiting for the first sync…"
	default:
		text = "synced " + s.sync.At.In(register.Helsinki).Format("15:04") + ", " + newText(s.sync)
	}
	hint := "? keys"
	if s.helpKey != "" {
		hint = s.helpKey + " keys"
	}
	room := width - ansi.StringWidth(hint) - 1
	text = ansi.Truncate(text, max(room-ansi.StringWidth(suffix), room/2), "…") + suffix
	return spread(text, style, st.Muted.Render(hint), width)
}

// followingText is the status line while another process syncs.
const followingText = "another dsrdesk syncs; following its changes"

// offlineText says since when the mailbox is out of reach, when the next
// try is, and why: "offline since 14:05 (retrying in 20 s) — cannot reach …".
// While a try is under way: "offline since 14:05 (trying again…)".
func offlineText(e SyncEvent, now time.Time) string {
	t := "offline since " + e.Offline.In(register.Helsinki).Format("15:04")
	if e.Syncing {
		return t + " (trying again…)"
	}
	t += " (" + retryText(e.Retry, now) + ")"
	if e.Err != "" {
		t += " — " + CleanLine(e.Err)
	}
	return t
}

// newText says what the last sync brought: "2 new", "2 new, 1 case opened".
func newText(e SyncEvent) string {
	if e.Stored == 0 && e.Cases == 0 {
		return "nothing new"
	}
	t := fmt.Sprintf("%d new", e.Stored)
	switch e.Cases {
	case 0:
	case 1:
		t += ", 1 case opened"
	default:
		t += fmt.Sprintf(", %d cases opened", e.Cases)
	}
	return t
}

// retryText says when the next sync try is due: "retrying in 30 s".
func retryText(at, now time.Time) string {
	if at.IsZero() {
		return "not retrying"
	}
	d := at.Sub(now)
	if d <= 0 {
		return "retrying now"
	}
	secs := int(math.Ceil(d.Seconds()))
	if secs < 120 {
		return fmt.Sprintf("retrying in %d s", secs)
	}
	return fmt.Sprintf("retrying in %d min", (secs+59)/60)
}

// fit truncates the styled line s to width cells and pads it with spaces to
// exactly width.
func fit(s string, width int) string {
	s = ansi.Truncate(s, width, "")
	if w := ansi.StringWidth(s); w < width {
		s += strings.Repeat(" ", width-w)
	}
	return s
}

// spread lays out one line of width cells: left (plain text, cut with "…"
// to leave room) in leftStyle at the start, right (already styled) at the
// end, spaces between. It is the shape of the header, title and status lines.
func spread(left string, leftStyle lipgloss.Style, right string, width int) string {
	room := width - ansi.StringWidth(right) - 1
	if room < 10 {
		return fit(leftStyle.Render(left)+" "+right, width)
	}
	left = ansi.Truncate(left, room, "…")
	gap := width - ansi.StringWidth(left) - ansi.StringWidth(right)
	return leftStyle.Render(left) + strings.Repeat(" ", gap) + right
}
