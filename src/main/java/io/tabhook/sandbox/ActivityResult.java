package io.tabhook.sandbox;

import io.tabhook.events.EventType;

/** What an activity did: the event it fired and the resource and site the payload names. */
public record ActivityResult(EventType event, String resourceName, String resourceLuid, String siteLuid) {}
