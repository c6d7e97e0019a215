package io.tabhook.sandbox;

import io.tabhook.api.TableauError;
import io.tabhook.api.Webhook;
import io.tabhook.events.EventType;

import java.time.Instant;

/**
 * What an Update Webhook request names, each field null when it is not named. The site model applies it to the
 * webhook as it is at that moment, under its lock, so a field the request does not name keeps its current value: a
 * rename sent while the delivery engine disables the webhook leaves it disabled.
 */
record WebhookChange(String name, EventType event, String url, Boolean enabled, String reason) {
    static final String DISABLED_BY_USER = "Webhook disabled by user";

    /**
     * The webhook after this change, updated at {@code now}. Disabling without a reason stores
     * {@value #DISABLED_BY_USER}; enabling clears the reason; a reason on a webhook that ends up enabled is 400127.
     */
    Webhook applyTo(Webhook current, Instant now) {
        boolean willBeEnabled = enabled != null ? enabled : current.isEnabled();
        if (willBeEnabled && reason != null && !reason.isEmpty()) {
            throw new TableauError(400, "400127", "Bad Request", "statusChangeReason can only be given when "
                    + "disabling a webhook (isEnabled=false); an enabled webhook has no status change reason.");
        }
        String kept = current.statusChangeReason();
        String newReason = willBeEnabled ? ""
                : reason != null && !reason.isBlank() ? reason
                : Boolean.FALSE.equals(enabled) || kept == null || kept.isEmpty() ? DISABLED_BY_USER : kept;
        return new Webhook(current.id(), name != null ? name : current.name(),
                event != null ? event.apiName() : current.event(), willBeEnabled, newReason,
                url != null ? url : current.url(), current.ownerId(), current.ownerName(), current.createdAt(),
                now.toString());
    }
}
