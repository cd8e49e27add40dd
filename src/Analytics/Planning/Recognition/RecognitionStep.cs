using DiaBan.Analytics.Classification;

namespace DiaBan.Analytics.Planning;

/// <summary>The commune's criteria figures as proposed or re-checked, frozen with the step (and the computed assessment).</summary>
public sealed record CriteriaSnapshot(IndicatorFigures Figures, StatusAssessmentResult? Assessment = null);

/// <summary>A decision of the People's Committee Chair (*quyết định*): its number and date.</summary>
public sealed record DecisionRef(string Number, DateOnly Date);

/// <summary>An attached evidence file (PDF or image) as stored: name, media type, size and SHA-256 of its bytes.</summary>
public sealed record EvidenceFile(string FileName, string MediaType, long SizeBytes, string Sha256);

/// <summary>What a user asks to do; validated by <see cref="RecognitionCase.Apply"/>.</summary>
public sealed record RecognitionCommand
{
    public required RecognitionAction Action { get; init; }
    /// <summary>Who: the user name as audited.</summary>
    public required string Actor { get; init; }
    public required RecognitionRole Role { get; init; }
    public required DateTimeOffset At { get; init; }
    /// <summary>The recognition year (proposal) or the year re-checked.</summary>
    public int? Year { get; init; }
    public string? Note { get; init; }
    public IReadOnlyList<string> Reasons { get; init; } = [];
    public CriteriaSnapshot? Snapshot { get; init; }
    public DecisionRef? Decision { get; init; }
    public IReadOnlyList<EvidenceFile> Evidence { get; init; } = [];
}

/// <summary>One step taken, immutable: the history shown on the commune's page and audited.</summary>
public sealed record RecognitionStep
{
    public required RecognitionAction Action { get; init; }
    public required RecognitionState From { get; init; }
    public required RecognitionState To { get; init; }
    public required string Actor { get; init; }
    public required RecognitionRole Role { get; init; }
    public required DateTimeOffset At { get; init; }
    /// <summary>The year the step is about (proposal, recognition or re-check year); null for return and appraisal.</summary>
    public int? Year { get; init; }
    public string? Note { get; init; }
    public IReadOnlyList<string> Reasons { get; init; } = [];
    public CriteriaSnapshot? Snapshot { get; init; }
    public DecisionRef? Decision { get; init; }
    public IReadOnlyList<EvidenceFile> Evidence { get; init; } = [];
}

public enum RecognitionErrorKind
{
    /// <summary>The action cannot be taken from the current state.</summary>
    IllegalStep,
    /// <summary>The role may not take the action (e.g. a planner deciding).</summary>
    RoleNotAllowed,
    MissingField,
    InvalidField,
}

/// <param name="Field">The command field at fault, null for state and role errors.</param>
public sealed record RecognitionError(RecognitionErrorKind Kind, string? Field, string Message);

/// <summary>The case after the step, or the unchanged case and why the step was refused.</summary>
public sealed record RecognitionOutcome(RecognitionCase Case, IReadOnlyList<RecognitionError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}
