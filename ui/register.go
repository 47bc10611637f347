package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"dsrdesk/register"
)

// The register screen searches the customer register as the officer types.
// Opened from a case, it lists the case's linked and offered entries while
// the search is empty, marks every entry found with how it stands to the
// case, and the root model links and unlinks the selected entry; opened
// from the case list it only searches. Its reads are in customers.go, its
// drawing in registerview.go.

// registerRow is one entry listed on the register screen.
type registerRow struct {
	entry register.Customer
	found string              // what the search matched; "" for a case's entry listed without a search
	cand  *register.Candidate // how the entry stands to the case; nil: neither linked nor offered
}

// registerScreen is the search field over the list of entries.
type registerScreen struct {
	rowCursor
	sh        *shared
	back      screenID // the screen esc returns to
	caseID    int64    // the case entries are linked to; 0: search only
	kase      *register.Case
	cands     []register.Candidate // the case's linked, then offered, entries
	caseErr   error                // the last read of the case failed
	input     lineInput
	typing    bool   // keys edit the search field
	query     string // the search the hits answer
	hits      []register.Hit
	more      bool // the search found more than the hits
	searchErr error
	rows      []registerRow // what is listed: the hits, or the case's entries
	width     int
	height    int
}

// registerChrome is how many lines of the screen are not rows: the title,
// the search field, the column names, two lines on the selected entry and
// the key legend.
const registerChrome = 6

// maxQuery is the longest search the field keeps, in characters.
const maxQuery = 100

// newRegister returns the register screen for case caseID (0: search
// only), the search field ready for typing; esc leads back to back.
func newRegister(sh *shared, caseID int64, back screenID, width, height int) registerScreen {
	r := registerScreen{sh: sh, caseID: caseID, back: back, typing: true}
	r.input.limit = maxQuery
	r.SetSize(width, height)
	return r
}

// SetSize sets the area the screen draws in.
func (r *registerScreen) SetSize(width, height int) {
	r.width, r.height = width, height
	r.clamp(len(r.rows), r.rowsShown())
}

// rowsShown is how many rows fit on the screen.
func (r *registerScreen) rowsShown() int { return max(1, r.height-registerChrome) }

// SetCase shows the case as freshly read, with its linked and offered
// entries, keeping the cursor on its entry.
func (r *registerScreen) SetCase(c register.Case, cands []register.Candidate, err error) {
	if err != nil {
		r.caseErr = err
		return
	}
	r.kase, r.cands, r.caseErr = &c, cands, nil
	r.relist(false)
}

// SetHits shows what the search for query found; a new query puts the
// cursor back on the first entry.
func (r *registerScreen) SetHits(query string, hits []register.Hit, more bool, err error) {
	top := query != r.query
	r.query, r.searchErr = query, err
	if err == nil {
		r.hits, r.more = hits, more
	}
	r.relist(top)
}

// searching reports whether the field holds a search not answered yet.
func (r *registerScreen) searching() bool { return r.input.Value() != r.query }

// relist builds the rows from the hits, or from the case's entries while
// the search is empty, with the cursor on the first row (top) or on the
// entry it was on.
func (r *registerScreen) relist(top bool) {
	keep, _ := r.Selected()
	r.rows = r.rows[:0]
	if strings.TrimSpace(r.query) == "" {
		for i := range r.cands {
			r.rows = append(r.rows, registerRow{entry: r.cands[i].Customer, cand: &r.cands[i]})
		}
	} else {
		for _, h := range r.hits {
			r.rows = append(r.rows, registerRow{entry: h.Customer, found: h.Match, cand: r.candidate(h.ID)})
		}
	}
	if top {
		r.cursor, r.offset = 0, 0
	} else {
		for i, row := range r.rows {
			if row.entry.ID == keep.entry.ID {
				r.cursor = i
			}
		}
	}
	r.clamp(len(r.rows), r.rowsShown())
}

// candidate returns how entry id stands to the case, or nil.
func (r *registerScreen) candidate(id int64) *register.Candidate {
	for i := range r.cands {
		if r.cands[i].ID == id {
			return &r.cands[i]
		}
	}
	return nil
}

// Selected returns the row under the cursor.
func (r *registerScreen) Selected() (registerRow, bool) {
	if r.cursor < 0 || r.cursor >= len(r.rows) {
		return registerRow{}, false
	}
	return r.rows[r.cursor], true
}

// Keys returns the keys of what has the focus, the field or the results,
// for the help screen.
func (r *registerScreen) Keys() []key.Binding {
	if r.typing {
		return r.sh.keys.Search.Bindings(r.sh.keys.Input)
	}
	return r.sh.keys.Register.Bindings()
}

// registerNotes explain the register screen, for its help screen.
func registerNotes(typing bool) []string {
	notes := []string{
		"Search by customer number, business ID, e-mail address, phone number, or the words of a name, " +
			"company or contact person; case and accents do not matter. Opened from a case, an empty search " +
			"lists the entries linked to the case and those matching offers.",
		"LINK: auto-linked by matching · linked by an officer · offered by matching, not linked. " +
			"Linking and unlinking are recorded in the case's audit trail.",
	}
	notes = append(notes, flagNote)
	if typing {
		notes = append(notes, "Any other key types into the field.")
	}
	return notes
}

// Update edits the search field, or moves the cursor over the results,
// for a key the root model did not take. It reports whether the search
// changed.
func (r *registerScreen) Update(msg tea.Msg) (changed bool) {
	if r.typing {
		before := r.input.Value()
		r.input.Update(msg, r.sh.keys.Input)
		return r.input.Value() != before
	}
	if k, ok := msg.(tea.KeyPressMsg); ok {
		r.move(k, r.sh.keys.Register.ScrollKeys, len(r.rows), r.rowsShown())
	}
	return false
}
