namespace DiaBan.Geo.Data;

/// <summary>
/// One commune's drug-free recognition case (table recognition_case): where it stands, kept in step with its history by
/// <see cref="Services.RecognitionStore"/>. The rules live in Analytics (<c>RecognitionCase</c>); this row is the
/// current state for lists and counts, and its xmin is the version a step must name (If-Match).
/// </summary>
public class RecognitionCaseRecord
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public AdminUnit Unit { get; set; } = null!;
    /// <summary><c>RecognitionState</c> code (proposed, returned, appraised, recognised, refused, revoked).</summary>
    public string State { get; set; } = "";
    /// <summary>The year of the latest proposal.</summary>
    public int? ProposedYear { get; set; }
    /// <summary>The latest year recognised (decision or re-check) while recognised.</summary>
    public int? RecognisedYear { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>PostgreSQL's xmin: changes with every step, so two people cannot act on the same state unknowingly.</summary>
    public uint Version { get; set; }
    public List<RecognitionStepRecord> Steps { get; set; } = [];
}

/// <summary>One step of a case (table recognition_step), append-only: never updated or deleted by the app.</summary>
public class RecognitionStepRecord
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    /// <summary>1, 2, … within the case (unique with the case).</summary>
    public int Seq { get; set; }
    public string Action { get; set; } = "";
    public string FromState { get; set; } = "";
    public string ToState { get; set; } = "";
    public string Actor { get; set; } = "";
    public string Role { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public int? Year { get; set; }
    public string? Note { get; set; }
    public List<string> Reasons { get; set; } = [];
    /// <summary>jsonb: the criteria figures, computed status and criteria of the assessment the step rests on.</summary>
    public string? Snapshot { get; set; }
    public string? DecisionNumber { get; set; }
    public DateOnly? DecisionDate { get; set; }
    public List<RecognitionEvidenceRecord> Evidence { get; set; } = [];
}

/// <summary>
/// An evidence file attached to a step (table recognition_evidence), append-only. The bytes are kept in the database
/// (bytea) so they commit, back up, restore and are area-checked together with the step they prove.
/// </summary>
public class RecognitionEvidenceRecord
{
    public long Id { get; set; }
    public long StepId { get; set; }
    public string FileName { get; set; } = "";
    /// <summary>The type proven by the content's magic bytes, never the client's claim.</summary>
    public string MediaType { get; set; } = "";
    public long SizeBytes { get; set; }
    /// <summary>SHA-256 of the content, lower-case hex.</summary>
    public string Sha256 { get; set; } = "";
    public byte[] Content { get; set; } = [];
}
