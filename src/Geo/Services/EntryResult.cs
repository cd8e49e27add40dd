namespace DiaBan.Geo.Services;

/// <summary>How a write of an entered record (spot, spot step, tip) ended.</summary>
public enum EntryOutcome
{
    Done,
    /// <summary>No such record inside the caller's area (or the place lies in no commune of the caller's area).</summary>
    NotFound,
    /// <summary>The caller's right does not cover the action (verifying needs the verifier's right).</summary>
    Forbidden,
    /// <summary>A field is wrong or the step is not allowed now: see <see cref="EntryResult.Field"/> and the message.</summary>
    Invalid,
}

/// <summary>The outcome of a write; <paramref name="Key"/> names the record written (spot code, tip id).</summary>
public sealed record EntryResult(EntryOutcome Outcome, string? Key = null, string? Field = null, string? Message = null)
{
    public static EntryResult Done(string key) => new(EntryOutcome.Done, key);
    public static readonly EntryResult NotFound = new(EntryOutcome.NotFound);
    public static EntryResult Invalid(string field, string message) => new(EntryOutcome.Invalid, null, field, message);
    public static EntryResult Forbidden(string message) => new(EntryOutcome.Forbidden, null, null, message);
}
