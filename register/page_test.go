package register

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
)

// TestCasePages: pages read with Limit and Offset are the whole list cut
// in pieces; a case's position is its index; the data version moves when
// another connection commits.
func TestCasePages(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "data", "p.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	v0, err := db.Changed(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.FillSample(ctx, 50, 230); err != nil {
		t.Fatal(err)
	}
	for _, all := range []bool{false, true} {
		whole, err := db.Cases(ctx, CaseQuery{All: all})
		if err != nil {
			t.Fatal(err)
		}
		var paged []Case
		for from := 0; from < len(whole)+40; from += 40 {
			p, err := db.Cases(ctx, CaseQuery{All: all, Offset: from, Limit: 40})
			if err != nil {
				t.Fatal(err)
			}
			paged = append(paged, p...)
		}
		if !slices.EqualFunc(whole, paged, func(a, b Case) bool { return a.ID == b.ID && slices.Equal(a.Kinds, b.Kinds) }) {
			t.Fatalf("all=%v: the pages differ from the whole list", all)
		}
		total, uncertain, err := db.ListSize(ctx, all)
		if err != nil || total != 230 || uncertain != 4 {
			t.Fatalf("all=%v: ListSize = %d, %d, %v; want 230, 4", all, total, uncertain, err)
		}
		for _, i := range []int{0, 1, 117, 229} {
			if at, err := db.CasePosition(ctx, whole[i].ID, all); err != nil || at != i {
				t.Fatalf("all=%v: CasePosition of row %d = %d, %v", all, i, at, err)
			}
		}
	}
	if at, err := db.CasePosition(ctx, 99999, false); err != nil || at != -1 {
		t.Fatalf("CasePosition of no case = %d, %v; want -1", at, err)
	}

	v1, err := db.Changed(ctx)
	if err != nil || v1 == v0 {
		t.Fatalf("data version %d after own commit, %d before (%v)", v1, v0, err)
	}
	other, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if v, _ := db.Changed(ctx); v != v1 {
		t.Fatalf("data version moved without a commit: %d, %d", v1, v)
	}
	if err := other.FillSample(ctx, 0, 1); err != nil {
		t.Fatal(err)
	}
	if v, _ := db.Changed(ctx); v == v1 {
		t.Fatal("data version did not move when another process committed")
	}
}
