using DiaBan.Analytics.Records;
using DiaBan.Geo.Data;

namespace DiaBan.Geo.Services;

/// <summary>
/// What a review (submit, verify, return) of a spot's step or a tip checks and writes, the same for both stores: who may,
/// the return's reason, the allowed transition, the reviewer's stamp.
/// </summary>
public static class EntryReviewWrite
{
    /// <summary>Why the request is refused before the record is read (edit is not a review; verify and return need a
    /// verifier; a return needs a reason of at most <paramref name="maxReason"/> characters); null when it may go on.</summary>
    public static WriteRefusal? Refuse(ReviewAction action, string? reason, bool mayVerify, int maxReason)
    {
        if (action == ReviewAction.Edit) return Write.Invalid("action", "Dùng chức năng sửa / use edit");
        if (EntryReview.NeedsVerifier(action) && !mayVerify) return Write.Forbidden("Chỉ cán bộ duyệt được duyệt hoặc trả lại / only a verifier may");
        if (EntryReview.NeedsReason(action) && string.IsNullOrWhiteSpace(reason))
            return Write.Invalid("reason", "Trả lại phải nêu lý do / a return needs a reason");
        if (reason is { } r && r.Length > maxReason) return Write.Invalid("reason", $"Tối đa {maxReason} ký tự / at most {maxReason} characters");
        return null;
    }

    /// <summary>Moves <paramref name="record"/> on by <paramref name="action"/>: its new review state, the reviewer and time
    /// for verify and return, the return's reason; a refusal when the state does not allow the action.</summary>
    public static WriteRefusal? Apply(IReviewedRecord record, ReviewAction action, string? reason, string actor, DateTimeOffset now, string what)
    {
        if (EntryReview.Next(record.Review, action) is not { } next)
            return Write.Conflict($"Không thể {action} khi đang {record.Review} / cannot {action} a {record.Review} {what}");
        record.Review = next;
        if (EntryReview.NeedsVerifier(action))
        {
            record.ReviewedBy = actor;
            record.ReviewedAt = now;
        }
        if (action == ReviewAction.Return) record.ReturnedReason = reason!.Trim();
        return null;
    }
}
