using DiaBan.Analytics.Classification;
using DiaBan.Geo.Data;
using Microsoft.EntityFrameworkCore;

namespace DiaBan.Geo.Services;

/// <summary>
/// The rule sets in the database: seeded from the embedded catalog (web start-up, CLI, classification; never a GET),
/// edited by an administrator as new versions.
/// </summary>
public sealed class RuleSetStore(DiaBanDb db)
{
    public const string EmbeddedAuthor = "system:embedded";

    /// <summary>Inserts every embedded rule set version the table does not hold yet; returns how many were added.</summary>
    public async Task<int> EnsureSeededAsync(CancellationToken ct = default)
    {
        var present = await db.RuleSets.Select(r => new { r.Id, r.Version }).ToListAsync(ct);
        var added = 0;
        foreach (var rs in RuleSetCatalog.Embedded.RuleSets)
        {
            if (present.Any(p => p.Id == rs.Id && p.Version == rs.Version)) continue;
            db.RuleSets.Add(new RuleSetRecord
            {
                Id = rs.Id, Version = rs.Version, Json = RuleSetCatalog.ToJson(rs),
                EditedBy = EmbeddedAuthor, EditedAt = DateTimeOffset.UtcNow,
            });
            added++;
        }
        if (added > 0) await db.SaveChangesAsync(ct);
        return added;
    }

    /// <summary>
    /// Every stored version as a catalog (ForDate then prefers the latest effective date, then the highest version).
    /// Only reads: the embedded versions are stored at start-up or by a writer (<see cref="EnsureSeededAsync"/>).
    /// </summary>
    public async Task<RuleSetCatalog> LoadCatalogAsync(CancellationToken ct = default)
    {
        var rows = await db.RuleSets.AsNoTracking().ToListAsync(ct);
        return new RuleSetCatalog(rows.Select(r => RuleSetCatalog.Parse(r.Json)));
    }

    /// <summary>Stores an edited rule set as the next version of its id (the JSON is validated first); returns that version.</summary>
    public async Task<RuleSet> SaveNewVersionAsync(string json, string editedBy, CancellationToken ct = default)
    {
        var parsed = RuleSetCatalog.Parse(json);
        var latest = await db.RuleSets.Where(r => r.Id == parsed.Id).MaxAsync(r => (int?)r.Version, ct) ?? 0;
        var stored = parsed with { Version = latest + 1 };
        db.RuleSets.Add(new RuleSetRecord
        {
            Id = stored.Id, Version = stored.Version, Json = RuleSetCatalog.ToJson(stored),
            EditedBy = editedBy, EditedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync(ct);
        return stored;
    }
}
