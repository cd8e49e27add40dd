using DiaBan.Analytics.Classification;
using DiaBan.Geo.Services;
using DiaBan.Geo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DiaBan.Geo.Tests.Services;

/// <summary>Criteria are data: an administrator's correction becomes a new stored version that classification then uses.</summary>
public class RuleSetStoreTests(DatabaseFixture fx) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task An_edited_rule_set_is_stored_as_the_next_version_and_wins_for_its_dates()
    {
        await using var db = fx.CreateDb();
        db.Actor = "admin:test";
        var store = new RuleSetStore(db);
        Assert.Equal(RuleSetCatalog.Embedded.RuleSets.Count, await store.EnsureSeededAsync());
        Assert.Equal(0, await store.EnsureSeededAsync());

        var original = RuleSetCatalog.Embedded.Find("decision-28-2025")!;
        var edited = original with { Name = original.Name + " (đã hiệu chỉnh)" };
        var saved = await store.SaveNewVersionAsync(RuleSetCatalog.ToJson(edited), "admin:test");
        Assert.Equal(original.Version + 1, saved.Version);

        var catalog = await store.LoadCatalogAsync();
        Assert.Equal(saved.Version, catalog.ForDate(new DateOnly(2026, 12, 31)).Version);
        Assert.Equal(original.Version, catalog.Find("decision-28-2025", original.Version)!.Version);
        var rows = await db.RuleSets.Where(r => r.Id == "decision-28-2025").OrderBy(r => r.Version).ToListAsync();
        Assert.Equal([RuleSetStore.EmbeddedAuthor, "admin:test"], rows.Select(r => r.EditedBy));
        var audit = await db.AuditEntries.Where(a => a.Entity == "rule_set").ToListAsync();
        Assert.Contains(audit, a => a.Action == "insert" && a.EntityKey == $"decision-28-2025/{saved.Version}" && a.Actor == "admin:test");
    }

    [Fact]
    public async Task An_invalid_rule_set_is_refused_and_nothing_is_stored()
    {
        await using var db = fx.CreateDb();
        var store = new RuleSetStore(db);
        var before = await db.RuleSets.CountAsync();
        await Assert.ThrowsAsync<RuleSetFormatException>(() => store.SaveNewVersionAsync("""{"id": "x", "thresholds": 1}""", "admin:test"));
        Assert.Equal(before, await db.RuleSets.CountAsync());
    }
}
