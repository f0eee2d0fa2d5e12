package io.vakt.driver.modbus;

/**
 * The poll group of a point (option {@code poll}); each group's interval is a controller setting
 * ({@code pollFast}, {@code pollNormal}, {@code pollSlow}).
 */
public enum Poll {
    FAST, NORMAL, SLOW
}
