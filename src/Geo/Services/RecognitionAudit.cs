using DiaBan.Analytics.Planning;

namespace DiaBan.Geo.Services;

/// <summary>The audit actions of recognition steps (one row per step, on top of the per-row audit of the tables).</summary>
public static class RecognitionAudit
{
    public const string Entity = "recognition_case";
    public const string Propose = "recognition_propose";
    public const string Return = "recognition_return";
    public const string Appraise = "recognition_appraise";
    public const string Recognise = "recognition_recognise";
    public const string Refuse = "recognition_refuse";
    public const string Recheck = "recognition_recheck";
    public const string Revoke = "recognition_revoke";

    public static string ActionOf(RecognitionAction action) => action switch
    {
        RecognitionAction.Propose => Propose,
        RecognitionAction.Return => Return,
        RecognitionAction.Appraise => Appraise,
        RecognitionAction.Recognise => Recognise,
        RecognitionAction.Refuse => Refuse,
        RecognitionAction.Recheck => Recheck,
        RecognitionAction.Revoke => Revoke,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
