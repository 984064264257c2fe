// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title Arena tournament ledger anchor
/// @notice Public, append-only record of the final ledger entry hash of each Arena tournament,
///         so anyone can check Arena's results without trusting Arena's database.
/// @dev Results are immutable: a tournament id is written once and never overwritten. The block
///      of each record is kept so a client can fetch its `Recorded` log from that one block,
///      since public RPC endpoints often cap the block range of eth_getLogs.
contract ArenaLedger {
    struct Entry {
        bytes32 entryHash;
        uint64 blockNumber;
    }

    /// @notice The only account allowed to record; fixed at deployment.
    address public immutable owner;

    mapping(bytes16 tournamentId => Entry) private entries;

    event Recorded(bytes16 indexed tournamentId, bytes32 entryHash);

    error NotOwner(address caller);
    error ZeroHash();
    error AlreadyRecorded(bytes16 tournamentId, bytes32 entryHash);

    constructor() {
        owner = msg.sender;
    }

    /// @param tournamentId the tournament's UUID as 16 bytes
    /// @param entryHash the SHA-256 hash of the tournament's ledger entry
    function record(bytes16 tournamentId, bytes32 entryHash) external {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        // Zero is what hashOf answers for "never recorded", so it cannot be a record.
        if (entryHash == bytes32(0)) revert ZeroHash();
        bytes32 existing = entries[tournamentId].entryHash;
        if (existing != bytes32(0)) revert AlreadyRecorded(tournamentId, existing);
        entries[tournamentId] = Entry(entryHash, uint64(block.number));
        emit Recorded(tournamentId, entryHash);
    }

    /// @return the recorded hash, or zero when the tournament was never recorded
    function hashOf(bytes16 tournamentId) external view returns (bytes32) {
        return entries[tournamentId].entryHash;
    }

    /// @return the block holding the tournament's `Recorded` log, or zero when never recorded
    function blockOf(bytes16 tournamentId) external view returns (uint256) {
        return entries[tournamentId].blockNumber;
    }
}
