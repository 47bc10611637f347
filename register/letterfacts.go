package register

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// LetterData is what a letter template is executed with; see letter.go
// for what each field holds.
type LetterData struct {
	Kind, Lang, Tag string
	Name            string
	Received, Due   string
	FirstDue        string
	Extended        bool
	ExtensionReason string
	Kinds           []string
	Portability     bool
	Done            string
	Customers       []string
	Files           []LetterFileInfo
	Changed         []string
	Kept            []LetterKept
	Recipients      []string
	Reason          string
	Signature       string
}

// LetterFileInfo is one file of an access report, as a letter lists it.
type LetterFileInfo struct {
	Name  string // report.md
	About string // what it holds, in the letter's language
}

// LetterKept is what an erasure kept, as a letter states it.
type LetterKept struct {
	Fields []string // the fields' labels in the letter's language
	Until  string   // the day they are kept until
	Why    string   // the law that requires keeping them: one sentence
}

// letterData gathers the facts a letter of kind states, or says which is
// missing. acts are the case's action records, tells its checklist of
// recipients to tell.
func letterData(c Case, acts []ActionRecord, tells []Notification, kind LetterKind, lang, reason string) (LetterData, error) {
	d := LetterData{
		Kind: string(kind), Lang: lang, Tag: c.Tag, Name: oneLine(c.Requester.Name),
		Received: LetterDate(lang, ReceiptDate(c.ReceivedAt)), Due: LetterDate(lang, c.Due),
		FirstDue: LetterDate(lang, Due(c.ReceivedAt)), Extended: !c.ExtendedAt.IsZero(),
		ExtensionReason: inSentence(translated(extensionReasonsIn, lang, strings.TrimSpace(c.ExtensionReason))),
		Portability:     slices.Contains(c.Kinds, "portability"),
		Signature:       letterSignature[lang],
	}
	for _, k := range c.Kinds {
		d.Kinds = append(d.Kinds, translated(kindNames, lang, k))
	}
	var err error
	switch kind {
	case LetterIdentification:
		if c.Identity.Status == IdentityVerified || c.Identity.Status == IdentityAgent {
			err = fmt.Errorf("the requester's identity is already %s: ask for more only on reasonable doubt (Art. 12(6))", c.Identity.Status)
		}
	case LetterExtension:
		switch {
		case !d.Extended:
			err = errors.New("the case is not extended: record the extension and its reason first")
		case d.ExtensionReason == "":
			err = errors.New("the extension has no reason to tell the requester")
		}
	case LetterAccess:
		err = d.access(acts)
	case LetterObjection:
		err = d.action(acts, ActionObjection)
	case LetterRectification:
		err = d.rectification(acts, tells)
	case LetterErasure:
		err = d.erasure(acts, tells)
	case LetterRestriction:
		err = d.restriction(acts, tells)
	case LetterPartialRefusal, LetterRefusal:
		if d.Reason = officerText(reason); d.Reason == "" {
			d.Reason = officerText(c.OutcomeReason)
		}
		if d.Reason == "" {
			err = errors.New("a refusal needs its reasons (Art. 12(4)): give them, or close the case with them")
		}
	}
	return d, err
}

// lastAction returns the newest record of action among acts.
func lastAction(acts []ActionRecord, action string) (ActionRecord, bool) {
	for i := len(acts) - 1; i >= 0; i-- {
		if acts[i].Action == action {
			return acts[i], true
		}
	}
	return ActionRecord{}, false
}

// action fills the day and the customer numbers of the newest record of
// action, or says it was never carried out.
func (d *LetterData) action(acts []ActionRecord, action string) error {
	rec, ok := lastAction(acts, action)
	if !ok {
		return fmt.Errorf("no %s was carried out on the case: carry it out first", action)
	}
	d.Done = LetterDate(d.Lang, dayOf(rec.At))
	d.Customers = nil
	for _, e := range rec.Entries {
		d.Customers = append(d.Customers, oneLine(e.Number))
	}
	return nil
}

// access fills the files of the newest access report.
func (d *LetterData) access(acts []ActionRecord) error {
	if err := d.action(acts, ActionAccess); err != nil {
		return errors.New("no access report was written for the case: write it first")
	}
	rec, _ := lastAction(acts, ActionAccess)
	for _, f := range rec.Files {
		about := words[d.Lang].Files[f]
		d.Files = append(d.Files, LetterFileInfo{Name: oneLine(f), About: about})
	}
	return nil
}

// rectification fills the fields every rectification of the case
// corrected, first corrected first.
func (d *LetterData) rectification(acts []ActionRecord, tells []Notification) error {
	if err := d.action(acts, ActionRectification); err != nil {
		return err
	}
	var fields []string
	for _, rec := range acts {
		if rec.Action != ActionRectification {
			continue
		}
		for _, e := range rec.Entries {
			for _, f := range e.Changed {
				if !slices.Contains(fields, f) {
					fields = append(fields, f)
				}
			}
		}
	}
	for _, f := range fields {
		d.Changed = append(d.Changed, FieldLabelIn(d.Lang, f))
	}
	d.Recipients = recipientsOf(tells, ActionRectification)
	return nil
}

// erasure fills what the newest erasure kept: the fields of every entry
// kept until the same day for the same reason go together.
func (d *LetterData) erasure(acts []ActionRecord, tells []Notification) error {
	if err := d.action(acts, ActionErasure); err != nil {
		return err
	}
	rec, _ := lastAction(acts, ActionErasure)
	type key struct {
		until Date
		why   string
	}
	var order []key
	fields := map[key][]string{}
	for _, e := range rec.Entries {
		for _, k := range e.Kept {
			kk := key{k.Until, k.Why}
			if _, ok := fields[kk]; !ok {
				order = append(order, kk)
			}
			for _, f := range k.Fields {
				if !slices.Contains(fields[kk], f) {
					fields[kk] = append(fields[kk], f)
				}
			}
		}
	}
	for _, k := range order {
		kept := LetterKept{Until: LetterDate(d.Lang, k.until), Why: oneLine(translated(whyIn, d.Lang, k.why))}
		for _, f := range fields[k] {
			kept.Fields = append(kept.Fields, FieldLabelIn(d.Lang, f))
		}
		d.Kept = append(d.Kept, kept)
	}
	d.Recipients = recipientsOf(tells, ActionErasure)
	return nil
}

// restriction checks that the newest restriction is still in place.
func (d *LetterData) restriction(acts []ActionRecord, tells []Notification) error {
	if err := d.action(acts, ActionRestriction); err != nil {
		return err
	}
	for i := len(acts) - 1; i >= 0 && acts[i].Action != ActionRestriction; i-- {
		if acts[i].Action == ActionRestrictionLift {
			return fmt.Errorf("the restriction was lifted on %s: there is none in place to confirm", dayOf(acts[i].At))
		}
	}
	d.Recipients = recipientsOf(tells, ActionRestriction)
	return nil
}

// recipientsOf names the recipients to tell of action, each once.
func recipientsOf(tells []Notification, action string) []string {
	var out []string
	for _, n := range tells {
		if r := oneLine(n.Recipient); n.Action == action && !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

// SuggestLetterKind suggests the letter a case needs next: the refusal its
// outcome calls for; the extension notice while it is owed; the request for
// identifying information while the officer waits for it; the answer
// matching the newest action carried out; else the acknowledgement.
func SuggestLetterKind(c Case, acts []ActionRecord) LetterKind {
	switch {
	case c.Outcome == OutcomeRefused || c.Outcome == OutcomeUnfounded:
		return LetterRefusal
	case c.Outcome == OutcomePartlyRefused:
		return LetterPartialRefusal
	case c.NeedsExtensionNotice():
		return LetterExtension
	case c.WaitingForID:
		return LetterIdentification
	}
	answers := map[string]LetterKind{
		ActionAccess: LetterAccess, ActionObjection: LetterObjection, ActionRectification: LetterRectification,
		ActionErasure: LetterErasure, ActionRestriction: LetterRestriction,
	}
	lifted := false
	for i := len(acts) - 1; i >= 0; i-- {
		a := acts[i].Action
		switch {
		case a == ActionRestrictionLift:
			lifted = true
		case a == ActionRestriction && lifted:
		case answers[a] != "":
			return answers[a]
		}
	}
	return LetterAcknowledgement
}

// SuggestLetter suggests the letter case caseID needs next (see
// SuggestLetterKind).
func (db *DB) SuggestLetter(ctx context.Context, caseID int64) (LetterKind, error) {
	c, err := db.CaseByID(ctx, caseID)
	if err != nil {
		return "", err
	}
	acts, err := db.Actions(ctx, caseID)
	if err != nil {
		return "", err
	}
	return SuggestLetterKind(c.Case, acts), nil
}
