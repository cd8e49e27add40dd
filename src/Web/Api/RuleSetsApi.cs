using DiaBan.Analytics.Classification;
using DiaBan.Geo.Data;
using DiaBan.Geo.Services;
using DiaBan.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DiaBan.Web.Api;

/// <summary>
/// /api/rulesets: the classification criteria are data (DOMAIN.md); an administrator corrects a threshold by storing a
/// new version, without a code change. Every version is kept so an assessment can name the one it used.
/// </summary>
public static class RuleSetsApi
{
    public sealed record RuleSetSummary(string Id, int Version, string Name, string Regime, DateOnly EffectiveFrom,
        DateOnly? EffectiveTo, string EditedBy, DateTimeOffset EditedAt);

    public sealed record RuleSetSaved(string Id, int Version);

    public static IEndpointRouteBuilder MapRuleSetsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/rulesets").WithTags("Rule sets");
        api.MapGet("", ListAsync).WithSummary("Every stored version of every rule set.");
        api.MapGet("/{id}/{version:int}", GetAsync).WithSummary("One rule set version as JSON (the schema of RuleSets/README.md).");
        api.MapPut("/{id}", SaveAsync)
            .WithSummary("Store an edited rule set (JSON body) as the next version of {id}; validated first; audited.")
            .Accepts<string>("application/json")
            .RequireAuthorization(DiaBanPolicies.CanEditRuleSets);
        return app;
    }

    public static async Task<Ok<List<RuleSetSummary>>> ListAsync(DiaBanDb db, CancellationToken ct)
    {
        var rows = await db.RuleSets.AsNoTracking().OrderBy(r => r.Id).ThenBy(r => r.Version).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(r =>
        {
            var set = RuleSetCatalog.Parse(r.Json);
            return new RuleSetSummary(r.Id, r.Version, set.Name, set.Regime.ToString(), set.EffectiveFrom, set.EffectiveTo, r.EditedBy, r.EditedAt);
        }).ToList());
    }

    public static async Task<Results<ContentHttpResult, NotFound>> GetAsync(DiaBanDb db, string id, int version, CancellationToken ct)
    {
        var row = await db.RuleSets.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.Version == version, ct);
        return row is null ? TypedResults.NotFound() : TypedResults.Text(row.Json, "application/json");
    }

    public static async Task<Results<Created<RuleSetSaved>, ProblemHttpResult>> SaveAsync(
        HttpContext http, RuleSetStore store, DiaBanDb db, string id, CancellationToken ct)
    {
        using var reader = new StreamReader(http.Request.Body);
        var json = await reader.ReadToEndAsync(ct);
        try
        {
            if (RuleSetCatalog.Parse(json).Id != id) return ApiProblems.BadRequest($"the JSON's id must be '{id}' / mã bộ tiêu chí phải là '{id}'");
            db.Actor = WebActor.Of(http.User);
            var saved = await store.SaveNewVersionAsync(json, db.Actor, ct);
            return TypedResults.Created($"/api/rulesets/{saved.Id}/{saved.Version}", new RuleSetSaved(saved.Id, saved.Version));
        }
        catch (RuleSetFormatException e)
        {
            return ApiProblems.BadRequest(e.Message);
        }
    }
}
