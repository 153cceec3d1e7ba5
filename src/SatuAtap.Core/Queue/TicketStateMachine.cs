using SatuAtap.Core.Common;

namespace SatuAtap.Core.Queue;

public enum TicketAction { Call, Recall, Start, Finish, NoShow, Transfer, Park, Resume, Prioritize }

/// <summary>
/// The life of a ticket: waiting → called → serving → done, or no-show (from called), or transferred (from called
/// or serving, continuing as a new waiting ticket). Park sets a called or serving ticket aside as waiting-but-parked;
/// resume calls it again. Anything else is refused with the reason.
/// </summary>
public static class TicketStateMachine
{
    public sealed record Step(bool Allowed, TicketStatus Status, bool Parked, string? Reason)
    {
        public static Step To(TicketStatus status, bool parked = false) => new(true, status, parked, null);
    }

    public static Step Apply(TicketStatus status, bool parked, TicketAction action) => (action, status, parked) switch
    {
        (TicketAction.Call, TicketStatus.Waiting, false) => Step.To(TicketStatus.Called),
        (TicketAction.Call, TicketStatus.Waiting, true) => Refuse(Lang.T("Tiket sedang ditunda; lanjutkan dulu.", "The ticket is parked; resume it first.")),
        (TicketAction.Recall, TicketStatus.Called, _) => Step.To(TicketStatus.Called),
        (TicketAction.Start, TicketStatus.Called, _) => Step.To(TicketStatus.Serving),
        (TicketAction.Finish, TicketStatus.Serving, _) => Step.To(TicketStatus.Done),
        (TicketAction.Finish, TicketStatus.Called, _) => Refuse(Lang.T("Tiket belum dilayani; mulai layanan dulu.", "The ticket is not being served; start serving first.")),
        (TicketAction.NoShow, TicketStatus.Called, _) => Step.To(TicketStatus.NoShow),
        (TicketAction.NoShow, TicketStatus.Serving, _) => Refuse(Lang.T("Warga sedang dilayani, jadi tidak bisa ditandai tidak hadir.", "The citizen is being served, so cannot be marked as a no-show.")),
        (TicketAction.Transfer, TicketStatus.Called or TicketStatus.Serving, _) => Step.To(TicketStatus.Transferred),
        (TicketAction.Park, TicketStatus.Called or TicketStatus.Serving, _) => Step.To(TicketStatus.Waiting, parked: true),
        (TicketAction.Resume, TicketStatus.Waiting, true) => Step.To(TicketStatus.Called),
        (TicketAction.Resume, TicketStatus.Waiting, false) => Refuse(Lang.T("Tiket tidak sedang ditunda.", "The ticket is not parked.")),
        (TicketAction.Prioritize, TicketStatus.Waiting, _) => Step.To(TicketStatus.Waiting, parked),
        (_, TicketStatus.Done or TicketStatus.NoShow or TicketStatus.Transferred, _) =>
            Refuse(Lang.T($"Tiket sudah selesai ({Label(status)}); tidak ada tindakan lagi.", $"The ticket is closed ({Label(status)}); no further action.")),
        (_, TicketStatus.Waiting, _) => Refuse(Lang.T("Tiket masih menunggu; panggil dulu.", "The ticket is still waiting; call it first.")),
        _ => Refuse(Lang.T($"Tindakan '{Code(action)}' tidak berlaku untuk tiket yang {Label(status).ToLowerInvariant()}.",
            $"'{Code(action)}' does not apply to a ticket that is {Label(status).ToLowerInvariant()}.")),
    };

    private static Step Refuse(string reason) => new(false, default, false, reason);

    public static string Code(TicketAction a) => a switch
    {
        TicketAction.Call => "call",
        TicketAction.Recall => "recall",
        TicketAction.Start => "start",
        TicketAction.Finish => "finish",
        TicketAction.NoShow => "no-show",
        TicketAction.Transfer => "transfer",
        TicketAction.Park => "park",
        TicketAction.Resume => "resume",
        _ => "prioritize",
    };

    public static TicketAction? Parse(string? code) => code switch
    {
        "recall" => TicketAction.Recall,
        "start" => TicketAction.Start,
        "finish" => TicketAction.Finish,
        "no-show" => TicketAction.NoShow,
        "transfer" => TicketAction.Transfer,
        "park" => TicketAction.Park,
        "resume" => TicketAction.Resume,
        "prioritize" => TicketAction.Prioritize,
        _ => null,
    };

    public static string StatusCode(TicketStatus s) => s switch
    {
        TicketStatus.Waiting => "waiting",
        TicketStatus.Called => "called",
        TicketStatus.Serving => "serving",
        TicketStatus.Done => "done",
        TicketStatus.NoShow => "no-show",
        _ => "transferred",
    };

    public static string Label(TicketStatus s) => s switch
    {
        TicketStatus.Waiting => Lang.T("Menunggu", "Waiting"),
        TicketStatus.Called => Lang.T("Dipanggil", "Called"),
        TicketStatus.Serving => Lang.T("Sedang dilayani", "Being served"),
        TicketStatus.Done => Lang.T("Selesai", "Done"),
        TicketStatus.NoShow => Lang.T("Tidak hadir", "No-show"),
        _ => Lang.T("Dialihkan", "Transferred"),
    };
}
