package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"
	"dsrdesk/register"
)

// Carrying out a right from the case screen (issue 5): x opens the menu of
// rights; each works a plan out in a tea.Cmd, shows it (planview.go) and
// carries it out after a yes, in one transaction; the access report asks
// and writes. Rectification picks its entry, field and value first
// (rectify.go); the recipients to tell have their checklist (tell.go).

// actOptions are what the actions need from the configuration.
type actOptions struct {
	exportDir string             // access reports are written under it; "": refused
	noticeDir string             // replacement privacy-notice texts; "": built in
	retention register.Retention // the Accounting Act's periods, for erasure
}

// newActOptions takes the actions' options from opts, the Accounting
// Act's periods by default.
func newActOptions(opts Options) actOptions {
	keep := opts.Retention
	if keep == (register.Retention{}) {
		keep = register.DefaultRetention
	}
	return actOptions{exportDir: opts.ExportDir, noticeDir: opts.NoticeDir, retention: keep}
}

// plannedMsg answers the working out of a plan for case caseID.
type plannedMsg struct {
	req    uint64
	caseID int64
	plan   register.Plan
	err    error
}

// exportedMsg answers the writing of an access report.
type exportedMsg struct {
	req uint64
	res register.ExportResult
	err error
}

// actionNames are the short names of the actions, for titles and the
// status line.
var actionNames = map[string]string{
	register.ActionAccess:          "Access report",
	register.ActionObjection:       "Objection",
	register.ActionRectification:   "Rectification",
	register.ActionRestriction:     "Restriction",
	register.ActionRestrictionLift: "Restriction lifted",
	register.ActionErasure:         "Erasure",
}

// entryChangedNote is the status line's word on a plan refused because an
// entry changed after it was made.
const entryChangedNote = "Not done: an entry changed since the plan was made. Shown afresh: retry."

// refusalNote is the status line's word on a write the register refused
// because the case or an entry changed or no entry is linked; "" for any
// other error.
func refusalNote(err error, keys DetailKeys) string {
	switch {
	case errors.Is(err, register.ErrConflict):
		return conflictNote
	case errors.Is(err, register.ErrEntryChanged):
		return entryChangedNote
	case errors.Is(err, register.ErrNoLinkedEntry):
		return "Not done: no register entry is linked to the case; " + keys.Register.Help().Key + " links one."
	}
	return ""
}

// noLinkRefusal is the register's refusal of an action on a case with no
// linked entry, and the way on, for the menu.
func noLinkRefusal(keys DetailKeys) string {
	return sentence(register.ErrNoLinkedEntry.Error()) + ". Esc, then " + keys.Register.Help().Key +
		" searches the register and links the requester's entries."
}

// actMenu returns the menu of the rights to carry out on the open case c.
func (m *model) actMenu(c register.CaseDetail) *choiceMenu {
	linked := m.detail.links.linked()
	refusal, intro := "", "No register entry is linked to this case."
	if len(linked) == 0 {
		refusal = noLinkRefusal(m.sh.keys.Detail)
	} else {
		numbers := make([]string, len(linked))
		for i, e := range linked {
			numbers[i] = CleanLine(e.Number)
		}
		intro = "On the linked " + plural(len(linked), "entry ", "entries ") + strings.Join(numbers, ", ") +
			". Each shows what it will do and asks first."
	}
	plan := func(read func(context.Context, *register.DB) (register.Plan, error)) func() tea.Cmd {
		return func() tea.Cmd { return m.readPlan(read) }
	}
	id := c.ID
	items := []choice{
		{label: "Access report (Art. 15, 20): write it for the requester", refusal: refusal, pick: m.askExport},
		{label: "Objection (Art. 21): bans on, newsletter off", refusal: refusal,
			pick: plan(func(ctx context.Context, db *register.DB) (register.Plan, error) { return db.PlanObjection(ctx, id) })},
		{label: "Rectification (Art. 16): correct a field", refusal: refusal, pick: m.startRectify},
		{label: "Restriction (Art. 18): mark the entries restricted", refusal: refusal,
			pick: plan(func(ctx context.Context, db *register.DB) (register.Plan, error) {
				return db.PlanRestriction(ctx, id, false)
			})},
	}
	if anyRestricted(linked) {
		items = append(items, choice{label: "Lift the restriction (Art. 18(3))",
			pick: plan(func(ctx context.Context, db *register.DB) (register.Plan, error) {
				return db.PlanRestriction(ctx, id, true)
			})})
	}
	keep, today := m.acts.retention, register.Today(m.sh.now())
	items = append(items, choice{label: "Erasure (Art. 17): erase what the law does not require keeping", refusal: refusal,
		pick: plan(func(ctx context.Context, db *register.DB) (register.Plan, error) {
			return db.PlanErasure(ctx, id, keep, today)
		})})
	if t := m.detail.tell; len(t.list) > 0 {
		items = append(items, choice{label: "Recipients to tell (Art. 19): " + t.summary(), pick: m.openTell})
	}
	return &choiceMenu{title: "Carry out a right · " + CleanLine(c.Tag), name: "carry out a right",
		intro: []string{intro}, items: items, want: 68}
}

// anyRestricted says whether any of entries is restricted.
func anyRestricted(entries []register.Customer) bool {
	for _, e := range entries {
		if e.Restricted {
			return true
		}
	}
	return false
}

// readPlan starts working out a plan on the open case.
func (m *model) readPlan(read func(context.Context, *register.DB) (register.Plan, error)) tea.Cmd {
	id := m.detail.caseID
	m.status.note, m.status.noteErr = "Working out the plan…", false
	return m.dbCmd(&m.planReq, "working out a plan", func(ctx context.Context, db *register.DB, req uint64) tea.Msg {
		p, err := read(ctx, db)
		return plannedMsg{req: req, caseID: id, plan: p, err: err}
	})
}

// planned shows a plan worked out, or why it could not be: in the
// rectification's value field when that is open, else in the status line.
func (m *model) planned(msg plannedMsg) {
	if msg.req != m.planReq || m.on != onDetail || msg.caseID != m.detail.caseID {
		return
	}
	m.planReq = 0
	m.status.note = ""
	if msg.err != nil {
		if m.value != nil {
			m.value.busy, m.value.problem = false, CleanLine(msg.err.Error())
			return
		}
		if note := refusalNote(msg.err, m.sh.keys.Detail); note != "" {
			m.status.note, m.status.noteErr = note, true
			return
		}
		m.status.note, m.status.noteErr = "No plan: "+CleanLine(msg.err.Error()), true
		return
	}
	m.value = nil
	p := msg.plan
	m.plan = newPlanView(p, func() tea.Cmd {
		return m.decideSaying(p.Action, carriedNote(p), func(ctx context.Context, db *register.DB) error {
			return db.Carry(ctx, p)
		})
	})
}

// carriedNote is the status line's word on plan p carried out:
// "Objection carried out on DSR-2026-0042: 2 entries changed; 3 to tell".
func carriedNote(p register.Plan) string {
	s := actionNames[p.Action]
	if p.Action != register.ActionRestrictionLift {
		s += " carried out"
	}
	s += " on " + CleanLine(p.CaseTag) + ": "
	n := 0
	for _, e := range p.Entries {
		if len(e.Changes) > 0 || e.Restrict != nil || e.Erase {
			n++
		}
	}
	if n == 0 {
		s += "confirmed, nothing changed"
	} else {
		s += fmt.Sprintf("%d %s changed", n, plural(n, "entry", "entries"))
	}
	if r := len(p.Recipients); r > 0 {
		s += fmt.Sprintf("; %d to tell", r)
	}
	return s
}

// askExport asks before the access report of the open case is written.
func (m *model) askExport() tea.Cmd {
	c := m.detail.data
	if c == nil {
		return nil
	}
	if m.acts.exportDir == "" {
		m.status.note, m.status.noteErr = "No export folder is configured: the access report cannot be written here.", true
		return nil
	}
	lang := "the language of its messages"
	if c.Lang != "" {
		lang = languageName(c.Lang)
	}
	dir := CleanLine(m.acts.exportDir)
	m.ask = &question{
		text: "Write the access report of " + CleanLine(c.Tag) + " for its linked entries, in " + lang +
			", into a new private folder under " + dir + "? (y/n)",
		yes: m.export,
	}
	return nil
}

// export starts writing the access report of the open case.
func (m *model) export() tea.Cmd {
	id := m.detail.caseID
	opts := register.ExportOptions{Dir: m.acts.exportDir, NoticeDir: m.acts.noticeDir, Now: m.sh.now()}
	return m.dbCmd(&m.writeReq, "writing an access report", func(ctx context.Context, db *register.DB, req uint64) tea.Msg {
		opts.Recipients = db.Recipients()
		res, err := db.ExportAccess(ctx, id, opts)
		return exportedMsg{req: req, res: res, err: err}
	})
}

// exportedNote is the status line's word on a written access report: its
// folder's name first, which matters, then where it is.
func exportedNote(res register.ExportResult) string {
	return "Access report (" + CleanLine(res.Lang) + ") written: " + CleanLine(filepath.Base(res.Folder)) +
		" in " + CleanLine(filepath.Dir(res.Folder))
}

// openTell opens the open case's checklist of recipients to tell.
func (m *model) openTell() tea.Cmd {
	if c := m.detail.data; c != nil {
		m.tell = newTellList("Recipients to tell · "+CleanLine(c.Tag), m.detail.tell.list)
	}
	return nil
}
