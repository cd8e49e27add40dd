using DiaBan.Analytics.Planning;

namespace DiaBan.Geo.Services;

/// <summary>How a write from a form or the API ended — one set for every store that takes entered records (incident
/// entries, spots, tips, figures, inspections, targets, recognition steps, official statuses), so the API and the pages
/// answer each the same way.</summary>
public enum WriteOutcome
{
    Done,
    /// <summary>No such record inside the caller's area (or the place lies in no commune of it): never says which.</summary>
    NotFound,
    /// <summary>The caller's right does not cover the step (verifying needs the verifier's right; nobody verifies his own).</summary>
    Forbidden,
    /// <summary>A field is wrong: see <see cref="WriteResult{T}.Errors"/>, by field. Nothing was written.</summary>
    Invalid,
    /// <summary>The record's state does not allow the step now (e.g. approving a draft). Nothing was written.</summary>
    Conflict,
    /// <summary>Someone changed the record since the caller read it (<see cref="WriteResult{T}.CurrentVersion"/>: the version now,
    /// when the store knows it). Nothing was written.</summary>
    Stale,
    /// <summary>The record exists and the caller named no version it read (an API call without If-Match). Nothing was written.</summary>
    VersionRequired,
}

/// <summary>The outcome of a write: the written <paramref name="Value"/> when done; otherwise why not — field errors
/// for <see cref="WriteOutcome.Invalid"/>, a message for the other refusals, and for <see cref="WriteOutcome.Stale"/>
/// the record's version now when the store read it (the API answers it as the ETag).</summary>
public sealed record WriteResult<T>(WriteOutcome Outcome, T? Value = default, IReadOnlyList<FieldError>? FieldErrors = null,
    string? Detail = null, uint? CurrentVersion = null)
{
    public bool IsDone => Outcome == WriteOutcome.Done;

    public IReadOnlyList<FieldError> Errors => FieldErrors ?? [];

    /// <summary>One line for the user: the detail, else the field errors' messages.</summary>
    public string Message => Detail ?? string.Join("; ", Errors.Select(e => e.Message));

    public static implicit operator WriteResult<T>(WriteRefusal refusal) =>
        new(refusal.Outcome, default, refusal.Errors, refusal.Detail, refusal.CurrentVersion);
}

/// <summary>A refusal, whatever the store writes; converts to the store's <see cref="WriteResult{T}"/>.</summary>
public sealed record WriteRefusal(WriteOutcome Outcome, IReadOnlyList<FieldError>? Errors = null, string? Detail = null, uint? CurrentVersion = null);

/// <summary>Builds write results: <c>return Write.Done(view);</c>, <c>return Write.NotFound;</c>, <c>return Write.Invalid("kind", "…");</c>.</summary>
public static class Write
{
    public static WriteResult<T> Done<T>(T value) => new(WriteOutcome.Done, value);

    public static WriteRefusal NotFound { get; } = new(WriteOutcome.NotFound);

    public static WriteRefusal Invalid(string field, string message) => new(WriteOutcome.Invalid, [new FieldError(field, message)]);

    public static WriteRefusal Invalid(IReadOnlyList<FieldError> errors) => new(WriteOutcome.Invalid, errors);

    public static WriteRefusal Forbidden(string message) => new(WriteOutcome.Forbidden, Detail: message);

    public static WriteRefusal Conflict(string message) => new(WriteOutcome.Conflict, Detail: message);

    public static WriteRefusal Stale { get; } = new(WriteOutcome.Stale,
        Detail: "đã có người khác thay đổi, hãy đọc lại / changed by someone else since you read it; read it again");

    /// <summary><see cref="Stale"/> with the record's version now (null when it is gone).</summary>
    public static WriteRefusal StaleAt(uint? currentVersion) => Stale with { CurrentVersion = currentVersion };

    public static WriteRefusal VersionRequired { get; } = new(WriteOutcome.VersionRequired,
        Detail: "cần gửi phiên bản đã đọc (ETag) trong If-Match / send the version you read (its ETag) in If-Match");
}
