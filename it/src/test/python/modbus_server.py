#!/usr/bin/python3
"""A Modbus TCP peer for ModbusDriverIT: Debian's python3-pymodbus (3.0.0) server on 127.0.0.1.

Usage: modbus_server.py PORT

Unit 1 only (requests to other unit ids go unanswered, like an absent device behind a gateway).
Addresses are 0-based protocol addresses (zero_mode). Seeded datastore:
  holding 0..19:  HR0=1234, HR1=-5 (int16), HR2..3=21.5 (float32, big-endian words),
                  HR10=0 (written by the test), HR11=0b0101 (bit fields); 20 and above: exception 02
  input 0..9:     IR0 counts up every 200 ms, IR1=250
  coils 0..15:    C0=1, the rest 0
  discrete 0..15: DI0=1, DI1=0, DI2=1
Prints "listening on PORT" once it accepts connections.
"""
import asyncio
import struct
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server.async_io import ModbusTcpServer


def seeded_unit():
    holding = [0] * 20
    holding[0] = 1234
    holding[1] = 0xFFFB  # -5 as int16
    high, low = struct.unpack(">HH", struct.pack(">f", 21.5))
    holding[2], holding[3] = high, low
    holding[11] = 0b0101
    inputs = [0] * 10
    inputs[1] = 250
    coils = [False] * 16
    coils[0] = True
    discrete = [False] * 16
    discrete[0] = True
    discrete[2] = True
    return ModbusSlaveContext(
        hr=ModbusSequentialDataBlock(0, holding),
        ir=ModbusSequentialDataBlock(0, inputs),
        co=ModbusSequentialDataBlock(0, coils),
        di=ModbusSequentialDataBlock(0, discrete),
        zero_mode=True,
    )


async def count_up(unit):
    """Changes input register 0 every 200 ms so that subscribers see updates."""
    value = 0
    while True:
        await asyncio.sleep(0.2)
        value = (value + 1) % 65536
        unit.setValues(4, 0, [value])


async def main(port):
    unit = seeded_unit()
    context = ModbusServerContext(slaves={1: unit}, single=False)
    server = ModbusTcpServer(context, address=("127.0.0.1", port), allow_reuse_address=True,
                             ignore_missing_slaves=True)
    asyncio.create_task(server.serve_forever())
    await server.serving
    print(f"listening on {port}", flush=True)
    await count_up(unit)


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
