using DiaBan.Analytics.Planning;

namespace DiaBan.Geo.Services;

/// <summary>The audit actions of recognition steps (one row per step, on top of the per-row audit of the tables); audit_entry.action holds 16 characters.</summary>
public static class RecognitionAudit
{
    public const string Entity = "recognition_case";
    public const string Propose = "recog_propose";
    public const string Return = "recog_return";
    public const string Appraise = "recog_appraise";
    public const string Recognise = "recog_recognise";
    public const string Refuse = "recog_refuse";
    public const string Recheck = "recog_recheck";
    public const string Revoke = "recog_revoke";

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
