package register

import (
	"context"
	"slices"
	"testing"
)

func TestFieldGroupsHoldEveryFieldOnce(t *testing.T) {
	seen := map[string]int{}
	for _, g := range FieldGroups {
		for _, f := range g.Fields {
			seen[f]++
		}
	}
	for _, name := range CustomerFieldNames() {
		if seen[name] != 1 {
			t.Errorf("field %s is in %d groups, want 1", name, seen[name])
		}
		if FieldLabel(name) == name {
			t.Errorf("field %s has no label", name)
		}
		delete(seen, name)
	}
	for name := range seen {
		t.Errorf("group field %s is no register field", name)
	}
}

func TestCustomerCard(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	mustImport(t, db, "customers-canonical.csv")
	mustImport(t, db, "customers-changed.csv")
	cs := openCaseFrom(t, db, 1, linkMsg(1, "Liisa Korhonen", "liisa@korhonen.fi", "Tietopyyntö"))
	c := customer(t, db, "C-1002")
	card, err := db.CustomerCard(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if card.Number != "C-1002" || card.Fields["email"] != "liisa@korhonen.fi" {
		t.Errorf("card %s %q", card.Number, card.Fields["email"])
	}
	var log []string
	for _, ch := range card.Changes {
		log = append(log, ch.Field+": "+ch.Old+" → "+ch.New+" ("+ch.Source+")")
	}
	want := []string{
		"entry:  → created (import customers-canonical.csv)",
		"email: liisa.korhonen@testi.fi → liisa@korhonen.fi (import customers-changed.csv)",
	}
	if !slices.Equal(log, want) {
		t.Errorf("change log %q, want %q", log, want)
	}
	if len(card.Cases) != 1 || card.Cases[0].ID != cs.ID || card.Cases[0].Tag != cs.Tag || !card.Cases[0].Auto {
		t.Errorf("cases %+v", card.Cases)
	}
	if _, err := db.CustomerCard(ctx, 424242); err == nil {
		t.Error("a missing entry has a card")
	}
}
