package register

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestMarketingListLeavesOutBansRestrictionsAndErasures(t *testing.T) {
	db, c := linkedCase(t) // Matti Virtanen, L-1
	ctx := context.Background()
	list := func(research bool) string {
		t.Helper()
		var b bytes.Buffer
		if _, err := db.WriteMarketingList(ctx, &b, research); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	if !strings.Contains(list(false), "L-1,Matti,Virtanen") || !strings.Contains(list(true), "L-1,") {
		t.Fatalf("before:\n%s", list(false))
	}
	p, _ := db.PlanRestriction(ctx, c.ID, false)
	if err := db.Carry(ctx, p); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(list(false), "L-1,") || strings.Contains(list(true), "L-1,") {
		t.Error("a restricted entry is on the lists")
	}
	if !strings.Contains(list(false), "L-2,") {
		t.Error("the namesake left the list too")
	}
	p, _ = db.PlanRestriction(ctx, c.ID, true)
	db.Carry(ctx, p)
	if _, err := db.ImportCustomers(ctx, strings.NewReader("customer_number,market_research_ban\nL-2,1\n"), "b.csv", false); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(list(false), "L-2,") || strings.Contains(list(true), "L-2,") {
		t.Error("the market-research ban is not kept apart from the marketing ban")
	}
	p, _ = db.PlanErasure(ctx, c.ID, DefaultRetention, MakeDate(2026, 11, 24))
	if err := db.Carry(ctx, p); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(list(false)+list(true), "L-1,") {
		t.Error("an erased entry is on a list")
	}
}
