package io.tabhook.sandbox;

import io.tabhook.api.Fields;
import io.tabhook.api.Shown;
import io.tabhook.events.EventType;

/** What an activity did: the event it fired and the resource and site the payload names. */
public record ActivityResult(EventType event, String resourceName, String resourceLuid, String siteLuid)
        implements Shown {

    /** JSON in the payload's own spelling, so it reads side by side with what the inbox receives. */
    @Override
    public Fields fields() {
        return new Fields("activity", "activities")
                .add("event_type", "event", event)
                .add("resource_name", "resource", resourceName)
                .add("resource_luid", "resourceLuid", resourceLuid)
                .add("site_luid", "siteLuid", siteLuid)
                .summary(event.apiName() + " · " + resourceName + " (" + resourceLuid
                        + ") · subscribed webhooks are being called");
    }

    @Override
    public String toString() { return fields().toString(); }
}
