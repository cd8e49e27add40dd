using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Planning;

namespace DiaBan.Geo.Data;

/// <summary>
/// A stored plan target (*chỉ tiêu kế hoạch*, table plan_target): the columns of the targets file (docs/planning.md),
/// as codes, plus who created and last changed it. <see cref="ToTarget"/> / <see cref="CopyFrom"/> convert to and from
/// the Analytics <see cref="PlanTarget"/>, which is where the rules live.
/// </summary>
public class PlanTargetRecord
{
    public long Id { get; set; }
    /// <summary>province, district or communes (<see cref="TargetScopeLevel"/> code).</summary>
    public string ScopeLevel { get; set; } = "";
    /// <summary>One province or district code, or the commune codes.</summary>
    public List<string> ScopeCodes { get; set; } = [];
    public int Year { get; set; }
    public string Indicator { get; set; } = "";
    /// <summary>key_type_i / _ii / _iii for key_communes, else null.</summary>
    public string? KeyType { get; set; }
    public string Comparison { get; set; } = "";
    public string Direction { get; set; } = "";
    public double Value { get; set; }
    public string LegalBasis { get; set; } = "";
    public string DocumentNumber { get; set; } = "";
    public string? Note { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>The import batch that wrote the row; null for a row entered on the web or seeded.</summary>
    public string? ImportBatch { get; set; }

    /// <summary>The target, re-validated with the file rules (a row edited by hand in the database cannot slip through).</summary>
    public PlanTarget ToTarget()
    {
        var result = PlanTargetRow.Validate(Fields());
        return result.Target ?? throw new InvalidOperationException(
            $"plan_target {Id}: {string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
    }

    public IReadOnlyDictionary<string, string?> Fields() => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        [PlanTargetRow.ScopeLevel] = ScopeLevel,
        [PlanTargetRow.ScopeCodes] = string.Join(';', ScopeCodes),
        [PlanTargetRow.Year] = Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [PlanTargetRow.Indicator] = Indicator,
        [PlanTargetRow.KeyType] = KeyType,
        [PlanTargetRow.Comparison] = Comparison,
        [PlanTargetRow.Direction] = Direction,
        [PlanTargetRow.Value] = Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        [PlanTargetRow.LegalBasis] = LegalBasis,
        [PlanTargetRow.DocumentNumber] = DocumentNumber,
        [PlanTargetRow.Note] = Note,
    };

    public void CopyFrom(PlanTarget target)
    {
        ScopeLevel = target.Scope.Level.Code();
        ScopeCodes = [.. target.Scope.Codes];
        Year = target.Year;
        Indicator = target.Indicator.Code();
        KeyType = target.KeyType?.Code();
        Comparison = target.Comparison.Code();
        Direction = target.Direction.Code();
        Value = target.Value;
        LegalBasis = target.LegalBasis;
        DocumentNumber = target.DocumentNumber;
        Note = target.Note;
    }

    public static PlanTargetRecord From(PlanTarget target, string actor, DateTimeOffset at)
    {
        var record = new PlanTargetRecord { CreatedBy = actor, CreatedAt = at, UpdatedBy = actor, UpdatedAt = at };
        record.CopyFrom(target);
        return record;
    }
}
