using System.Globalization;
using System.Security.Claims;
using DiaBan.Analytics.Planning;
using DiaBan.Geo.Queries;
using DiaBan.Geo.Services;
using DiaBan.Web.Auth;
using DiaBan.Web.Hosting.Options;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DiaBan.Web.Api;

/// <summary>
/// /api/recognitions: drug-free recognition cases (công nhận địa bàn không ma túy) of the caller's area and their steps
/// (docs/planning.md). A case's version is its ETag; every step on an existing case needs it in If-Match (428 without,
/// 412 when someone acted meanwhile). Outside the area answers 404 like a commune that does not exist.
/// </summary>
public static class RecognitionApi
{
    public sealed record AppraiseRequest(string? Note);

    /// <param name="Reasons">Why the case goes back (at least one).</param>
    public sealed record ReturnRequest(IReadOnlyList<string>? Reasons, string? Note);

    /// <param name="Outcome">recognise (công nhận) or refuse (không công nhận; reasons required).</param>
    /// <param name="DecisionDate">yyyy-MM-dd.</param>
    public sealed record DecideRequest(string? Outcome, string? DecisionNumber, string? DecisionDate, IReadOnlyList<string>? Reasons, string? Note);

    public sealed record RecheckRequest(int? Year, string? Note);

    public sealed record RevokeRequest(string? DecisionNumber, string? DecisionDate, IReadOnlyList<string>? Reasons, string? Note);

    public static IEndpointRouteBuilder MapRecognitionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/recognitions").WithTags("Recognition").RequireAuthorization(DiaBanPolicies.CanViewRecognitions);
        api.MapGet("", ListAsync).WithSummary("Recognition cases of the caller's area, newest change first; ?state=proposed|returned|appraised|recognised|refused|revoked.");
        api.MapGet("/pending", PendingAsync).WithSummary("How many cases wait for appraisal and for a decision (the leader's dashboard).");
        api.MapGet("/evidence/{id:long}", EvidenceAsync).WithSummary("An evidence file (attachment, its proven content type).");
        api.MapGet("/{code}", GetAsync).WithSummary("A commune's case with its whole history; the ETag is the version a step names in If-Match.");
        // multipart without an antiforgery token, so only a bearer token is taken here: a cookie a browser sends on its own
        // never authorises it (the web page proposes through RecognitionStore, not this endpoint)
        api.MapPost("/{code}/propose", ProposeAsync).DisableAntiforgery().RequireAuthorization(DiaBanPolicies.CanProposeRecognition)
            .WithMetadata(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute
            {
                AuthenticationSchemes = Microsoft.AspNetCore.Identity.IdentityConstants.BearerScheme,
            })
            .WithSummary("The commune proposes (multipart: year, note, files = PDF/PNG/JPEG evidence) with a snapshot of its assessment; audited.");
        api.MapPost("/{code}/appraise", AppraiseAsync).RequireAuthorization(DiaBanPolicies.CanAppraiseRecognition)
            .WithSummary("District or province appraisal (thẩm định) of a proposal; audited.");
        api.MapPost("/{code}/return", ReturnAsync).RequireAuthorization(DiaBanPolicies.CanAppraiseRecognition)
            .WithSummary("Return a proposed or appraised case to the commune with reasons; audited.");
        api.MapPost("/{code}/decide", DecideAsync).RequireAuthorization(DiaBanPolicies.CanDecideRecognition)
            .WithSummary("The leader's decision (recognise / refuse) with number and date; recognising records the official status drug-free; audited.");
        api.MapPost("/{code}/recheck", RecheckAsync).RequireAuthorization(DiaBanPolicies.CanAppraiseRecognition)
            .WithSummary("The yearly re-check (củng cố, nâng chất) of a recognised commune for a later year; audited.");
        api.MapPost("/{code}/revoke", RevokeAsync).RequireAuthorization(DiaBanPolicies.CanDecideRecognition)
            .WithSummary("Revoke a recognition with decision and reasons; withdraws the official drug-free status; audited.");
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<RecognitionCaseRow>>, ProblemHttpResult>> ListAsync(
        HttpContext http, RecognitionQueries queries, string? state, CancellationToken ct)
    {
        RecognitionState? filter = null;
        if (state is not null)
        {
            filter = Enum.GetValues<RecognitionState>().FirstOrDefault(s => s.Code() == state);
            if (filter is null or RecognitionState.NotProposed) return ApiProblems.BadRequest("state: proposed, returned, appraised, recognised, refused or revoked");
        }
        return TypedResults.Ok(await queries.ListAsync(UserAreaScope.For(http.User), filter, ct));
    }

    public static async Task<Ok<PendingRecognitions>> PendingAsync(HttpContext http, RecognitionQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.PendingAsync(UserAreaScope.For(http.User), ct));

    public static async Task<Results<Ok<RecognitionCaseView>, NotFound>> GetAsync(HttpContext http, RecognitionQueries queries, string code, CancellationToken ct)
    {
        var view = await queries.GetAsync(code, UserAreaScope.For(http.User), ct);
        if (view is null) return TypedResults.NotFound();
        http.Response.Headers.ETag = OfficialStatusApi.ETagOf(view.Version);
        return TypedResults.Ok(view);
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> EvidenceAsync(HttpContext http, RecognitionQueries queries, long id, CancellationToken ct)
    {
        var file = await queries.EvidenceAsync(id, UserAreaScope.For(http.User), ct);
        if (file is null) return TypedResults.NotFound();
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers["Digest"] = $"sha-256={Convert.ToBase64String(Convert.FromHexString(file.Sha256))}";
        // attachment: never rendered in the app's origin, whatever the file holds
        return TypedResults.File(file.Content, file.MediaType, file.FileName);
    }

    public static async Task<IResult> ProposeAsync(HttpContext http, RecognitionStore store, IOptions<RecognitionOptions> options, string code, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType) return ApiProblems.BadRequest("send multipart/form-data: year, note, files (PDF, PNG or JPEG)");
        var form = await http.Request.ReadFormAsync(ct);
        int? year = null;
        if (form["year"].ToString() is { Length: > 0 } text)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || !ApiInput.IsYear(y))
                return ApiProblems.BadRequest("year: 1990–2100");
            year = y;
        }
        var note = form["note"].ToString();
        if (!ApiInput.IsCleanText(note, 2000)) return ApiProblems.BadRequest("note: at most 2000 characters without control characters");
        var limits = options.Value;
        if (form.Files.Count > limits.MaxEvidenceFiles) return ApiProblems.BadRequest($"at most {limits.MaxEvidenceFiles} files / tối đa {limits.MaxEvidenceFiles} tệp");
        var uploads = new List<EvidenceUpload>();
        foreach (var file in form.Files)
        {
            // refused before reading: a 1 GB upload is not copied into memory to be measured
            if (file.Length > limits.MaxEvidenceBytes)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["evidence"] =
                    [$"'{file.FileName}': {file.Length} byte, vượt giới hạn {limits.MaxEvidenceBytes} byte / file larger than {limits.MaxEvidenceBytes} bytes"] });
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            uploads.Add(new EvidenceUpload(file.FileName, buffer.ToArray()));
        }
        var request = new RecognitionRequest(RecognitionAction.Propose, RoleFor(http.User, RecognitionAction.Propose), year,
            note.Length == 0 ? null : note, Evidence: uploads);
        return await StepAsync(http, store, code, request, limits.MaxEvidenceBytes, ct);
    }

    public static Task<IResult> AppraiseAsync(HttpContext http, RecognitionStore store, string code, AppraiseRequest body, CancellationToken ct) =>
        !ApiInput.IsCleanText(body.Note, 2000) ? Bad("note: at most 2000 characters")
            : StepAsync(http, store, code, new(RecognitionAction.Appraise, RoleFor(http.User, RecognitionAction.Appraise), Note: body.Note), ct: ct);

    public static Task<IResult> ReturnAsync(HttpContext http, RecognitionStore store, string code, ReturnRequest body, CancellationToken ct) =>
        !CleanReasons(body.Reasons) || !ApiInput.IsCleanText(body.Note, 2000) ? Bad("reasons: at most 20, each at most 1000 characters; note at most 2000")
            : StepAsync(http, store, code, new(RecognitionAction.Return, RoleFor(http.User, RecognitionAction.Return), Note: body.Note, Reasons: body.Reasons), ct: ct);

    public static Task<IResult> DecideAsync(HttpContext http, RecognitionStore store, string code, DecideRequest body, CancellationToken ct)
    {
        var action = body.Outcome switch { "recognise" => RecognitionAction.Recognise, "refuse" => RecognitionAction.Refuse, _ => (RecognitionAction?)null };
        if (action is null) return Bad("outcome: recognise or refuse");
        if (!TryDecision(body.DecisionNumber, body.DecisionDate, out var decision, out var problem)) return Bad(problem);
        if (!CleanReasons(body.Reasons) || !ApiInput.IsCleanText(body.Note, 2000)) return Bad("reasons: at most 20, each at most 1000 characters; note at most 2000");
        return StepAsync(http, store, code, new(action.Value, RoleFor(http.User, action.Value), Note: body.Note, Reasons: body.Reasons, Decision: decision), ct: ct);
    }

    public static Task<IResult> RecheckAsync(HttpContext http, RecognitionStore store, string code, RecheckRequest body, CancellationToken ct) =>
        body.Year is not { } y || !ApiInput.IsYear(y) || !ApiInput.IsCleanText(body.Note, 2000) ? Bad("year is required, 1990–2100; note at most 2000 characters")
            : StepAsync(http, store, code, new(RecognitionAction.Recheck, RoleFor(http.User, RecognitionAction.Recheck), y, body.Note), ct: ct);

    public static Task<IResult> RevokeAsync(HttpContext http, RecognitionStore store, string code, RevokeRequest body, CancellationToken ct)
    {
        if (!TryDecision(body.DecisionNumber, body.DecisionDate, out var decision, out var problem)) return Bad(problem);
        if (!CleanReasons(body.Reasons) || !ApiInput.IsCleanText(body.Note, 2000)) return Bad("reasons: at most 20, each at most 1000 characters; note at most 2000");
        return StepAsync(http, store, code, new(RecognitionAction.Revoke, RoleFor(http.User, RecognitionAction.Revoke), Note: body.Note, Reasons: body.Reasons, Decision: decision), ct: ct);
    }

    /// <summary>The recognition role a user acts in: one of his roles that may take the action, else his first (then refused).</summary>
    public static RecognitionRole RoleFor(ClaimsPrincipal user, RecognitionAction action)
    {
        var roles = DiaBanRoles.All.Where(user.IsInRole).Select(RecognitionWorkflow.RoleFromCode).ToList();
        return roles.FirstOrDefault(r => RecognitionWorkflow.MayTake(r, action), roles.FirstOrDefault(RecognitionRole.Police));
    }

    private static async Task<IResult> StepAsync(HttpContext http, RecognitionStore store, string code, RecognitionRequest request,
        long maxEvidenceBytes = EvidencePolicy.MaxBytes, CancellationToken ct = default)
    {
        var result = await store.TakeStepAsync(code, request, WebActor.Of(http.User), UserAreaScope.For(http.User),
            OfficialStatusApi.VersionOf(http.Request), maxEvidenceBytes, ct);
        return WriteAnswers.Versioned(http, result, view => view.Version, view => view);
    }

    private static Task<IResult> Bad(string detail) => Task.FromResult<IResult>(ApiProblems.BadRequest(detail));

    private static bool CleanReasons(IReadOnlyList<string>? reasons) =>
        reasons is null || (reasons.Count <= 20 && reasons.All(r => ApiInput.IsCleanText(r, 1000)));

    private static bool TryDecision(string? number, string? date, out DecisionRef? decision, out string problem)
    {
        decision = null;
        problem = "";
        if (number is null && date is null) return true; // the state machine names what is missing
        if (!ApiInput.IsCleanText(number, 100) || string.IsNullOrWhiteSpace(number))
        {
            problem = "decisionNumber: 1–100 characters, e.g. 123/QĐ-UBND";
            return false;
        }
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) || !ApiInput.IsYear(d.Year))
        {
            problem = "decisionDate: yyyy-MM-dd, years 1990–2100";
            return false;
        }
        decision = new DecisionRef(number.Trim(), d);
        return true;
    }
}
