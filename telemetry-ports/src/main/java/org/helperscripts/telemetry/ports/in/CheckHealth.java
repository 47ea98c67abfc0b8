package org.helperscripts.telemetry.ports.in;

/** An operator or a load balancer asks whether the service can take reports. */
public interface CheckHealth {

    ServiceHealth check();
}
